#!/bin/sh
# Run by 'mvn package' after the jar is built: installs the launcher beside the jar and records its
# class-data-sharing archives, which cut JVM start-up. Training runs of the commands that run
# offline on the sample (--version, --help, validate, status, new, build; their output stays in
# target/cds-training) each list the classes they load, and two archives are dumped from them:
# cert-bulletin.jsa from all the lists, for every command, and cert-bulletin-light.jsa from those
# of the commands that only read and check (not build's), for those commands: the JVM relocates
# an archive as it maps it, which takes longer the larger it is, and rendering's classes are most
# of the large one. They are static archives (-Xshare:dump), not ones recorded at a run's exit:
# JDK 17 leaves classes compiled for Java 5, such as picocli's, out of those, and picocli runs on
# every command. The method-handle species classes the lists name are left to be made at run time:
# JDK 17 crashes loading them from an archive when a class-file hook is on (a flight recording, an
# agent). A failure here only costs speed, so it never fails the build.
set -u
java_home=$1
target=$2
java=$java_home/bin/java
training=$target/cds-training
log=$target/cds-training.log
cp "$(dirname "$0")/cert-bulletin" "$target/cert-bulletin" && chmod +x "$target/cert-bulletin"
rm -f "$target/cert-bulletin.jsa" "$target/cert-bulletin-light.jsa"
rm -rf "$training"
mkdir -p "$training/lists" && cp -R data "$training/data"
: > "$log"

# train NAME ARGS...: runs the program with ARGS, listing the classes it loads in lists/NAME
train() {
  name=$1
  shift
  echo "training run: $*" >> "$log"
  "$java" -XX:DumpLoadedClassList="$training/lists/$name" -jar "$target/cert-bulletin.jar" "$@" \
    >> "$log" 2>&1
}

# dump ARCHIVE LIST...: the archive of the classes the lists name
dump() {
  archive=$1
  shift
  echo "dumping $archive from: $*" >> "$log"
  (cd "$training/lists" && awk '!/^@lambda-form-invoker \[SPECIES_RESOLVE\]/ && !seen[$0]++' "$@") \
    > "$training/classes.list" &&
    "$java" -Xshare:dump -XX:SharedClassListFile="$training/classes.list" \
      -XX:SharedArchiveFile="$archive" -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp "$target/cert-bulletin.jar" >> "$log" 2>&1
}

if train version --version &&
  train help --help &&
  train validate validate &&
  train status status --out "$training/out" &&
  train new new --data "$training/data" &&
  train build build 2024-W51 --out "$training/out" &&
  dump "$target/cert-bulletin.jsa" version help validate status new build &&
  dump "$target/cert-bulletin-light.jsa" version help validate status new; then
  echo "class-data-sharing archives: $target/cert-bulletin.jsa, $target/cert-bulletin-light.jsa"
else
  echo "warning: no class-data-sharing archive (see $log); start-up will be slower"
  rm -f "$target/cert-bulletin.jsa" "$target/cert-bulletin-light.jsa"
fi
exit 0
