#!/bin/sh
# Run by 'mvn package' after the jar is built: installs the launcher beside the jar and records a
# class-data-sharing archive, which cuts JVM start-up. Training runs of the commands that run
# offline on the sample (--version, --help, validate, status, new, build; their output stays in
# target/cds-training) each list the classes they load; the archive is dumped from the union, so
# it serves every command, not only the one a single recorded run would cover. It is a static
# archive (-Xshare:dump), not one recorded at a run's exit: JDK 17 leaves classes compiled for
# Java 5, such as picocli's, out of those, and picocli runs on every command. The method-handle
# species classes the lists name are left to be made at run time: JDK 17 crashes loading them from
# the archive when a class-file hook is on (a flight recording, an agent).
# A failure here only costs speed, so it never fails the build.
set -u
java_home=$1
target=$2
java=$java_home/bin/java
training=$target/cds-training
log=$target/cds-training.log
cp "$(dirname "$0")/cert-bulletin" "$target/cert-bulletin" && chmod +x "$target/cert-bulletin"
rm -f "$target/cert-bulletin.jsa"
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

if train version --version &&
  train help --help &&
  train validate validate &&
  train status status --out "$training/out" &&
  train new new --data "$training/data" &&
  train build build 2024-W51 --out "$training/out" &&
  awk '!/^@lambda-form-invoker \[SPECIES_RESOLVE\]/ && !seen[$0]++' "$training"/lists/* \
    > "$training/classes.list" &&
  "$java" -Xshare:dump -XX:SharedClassListFile="$training/classes.list" \
    -XX:SharedArchiveFile="$target/cert-bulletin.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -cp "$target/cert-bulletin.jar" >> "$log" 2>&1; then
  echo "class-data-sharing archive: $target/cert-bulletin.jsa"
else
  echo "warning: no class-data-sharing archive (see $log); start-up will be slower"
  rm -f "$target/cert-bulletin.jsa"
fi
exit 0
