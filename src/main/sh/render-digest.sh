#!/bin/sh
# Run by 'mvn process-classes': writes META-INF/cert-bulletin/render.sha256 into the classes folder,
# the digest of everything that shapes a rendered bulletin besides its data and templates: the
# compiled classes of the model, ingest, render, files and service packages (service decides which
# edition and files a week gets), the bundled resources, and the
# names and versions given as arguments (cert-bulletin's own and those of the rendering libraries).
# Publishing renders a week again when this digest changes (org.certbulletin.publish.InputFingerprint).
#
# usage: render-digest.sh CLASSES_DIR NAME=VERSION...
set -eu

fail() {
  echo "render-digest.sh: $*" >&2
  exit 1
}

[ $# -ge 2 ] || fail "usage: render-digest.sh CLASSES_DIR NAME=VERSION..."
classes=$1
shift
[ -d "$classes/org/certbulletin" ] || fail "no compiled classes in $classes/org/certbulletin; run after compile"
for package in model ingest render files service; do
  [ -d "$classes/org/certbulletin/$package" ] || fail "package folder missing: $classes/org/certbulletin/$package"
done

work=$(mktemp -d "${TMPDIR:-/tmp}/render-digest.XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$classes"
out=META-INF/cert-bulletin/render.sha256
mkdir -p META-INF/cert-bulletin

# The classes of the packages that render, and every bundled resource except this build's own
# identity: the digest file itself and build.properties (whose commit changes with every commit).
find org/certbulletin/model org/certbulletin/ingest org/certbulletin/render org/certbulletin/files org/certbulletin/service \
  -type f -name '*.class' > "$work/files"
find . -type f ! -name '*.class' \
  ! -path ./META-INF/cert-bulletin/render.sha256 ! -path ./META-INF/cert-bulletin/render.sha256.tmp \
  ! -path ./META-INF/cert-bulletin/build.properties > "$work/resources"
sed 's|^\./||' "$work/resources" >> "$work/files"
LC_ALL=C sort -o "$work/files" "$work/files"
[ -s "$work/files" ] || fail "nothing to digest in $classes"

# Each path with the sha256 of its content (sha256sum prints both), quoted for xargs one character
# at a time so that no name can be split or reinterpreted.
sed 's/./\\&/g' "$work/files" > "$work/quoted"
xargs sha256sum < "$work/quoted" > "$work/sums"

for library in "$@"; do
  case $library in
    ?*=?*) printf 'version %s\n' "$library" ;;
    *) fail "not NAME=VERSION: '$library'" ;;
  esac
done > "$work/input"
cat "$work/sums" >> "$work/input"

sha256sum "$work/input" > "$work/digest"
read -r digest rest < "$work/digest"
case $digest in
  *[!0-9a-f]*) fail "sha256sum printed '$digest', not a digest" ;;
esac
[ ${#digest} -eq 64 ] || fail "sha256sum printed '$digest', not a digest"

printf '%s\n' "$digest" > "$out.tmp"
mv "$out.tmp" "$out"
echo "render digest: $digest ($classes/$out)"
