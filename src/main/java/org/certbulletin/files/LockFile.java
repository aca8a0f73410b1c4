package org.certbulletin.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a file of the state folder, so that two runs never write the same output at
 * once.
 */
public final class LockFile implements AutoCloseable {

  private final FileChannel channel;
  private final FileLock lock;

  private LockFile(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  /**
   * Takes the lock on {@code file} or fails at once.
   *
   * @throws LockHeldException if another process or thread holds it
   */
  public static LockFile acquire(Path file, String what) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    try {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        throw new LockHeldException(
            "another " + what + " is running (it holds " + file + "); wait for it to finish");
      }
      return new LockFile(channel, lock);
    } catch (OverlappingFileLockException e) {
      channel.close();
      throw new LockHeldException(
          "another " + what + " is running in this process (it holds " + file + ")");
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      channel.close();
    }
  }
}
