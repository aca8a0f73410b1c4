#!/bin/sh
# Run by 'mvn package' after the jar is built: installs the launcher beside the jar and records a
# class-data-sharing archive from a training build of the sample week, which cuts JVM start-up.
# A failure here only costs speed, so it never fails the build.
set -u
java_home=$1
target=$2
cp "$(dirname "$0")/cert-bulletin" "$target/cert-bulletin" && chmod +x "$target/cert-bulletin"
rm -f "$target/cert-bulletin.jsa"
if "$java_home/bin/java" -XX:ArchiveClassesAtExit="$target/cert-bulletin.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -jar "$target/cert-bulletin.jar" build 2024-W51 --out "$target/cds-training" > "$target/cds-training.log" 2>&1; then
  echo "class-data-sharing archive: $target/cert-bulletin.jsa"
else
  echo "warning: no class-data-sharing archive (see $target/cds-training.log); start-up will be slower"
  rm -f "$target/cert-bulletin.jsa"
fi
exit 0
