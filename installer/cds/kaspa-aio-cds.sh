#!/bin/sh
# Writes the class-data sharing archive of an app image: lib/app/kaspa-aio.jsa, from the class list made at
# packaging time (lib/app/kaspa-aio.classlist), with the image's own runtime and exactly the launcher's class
# path (read from lib/app/kaspa-aio.cfg). The launcher maps it with -XX:SharedArchiveFile; a JVM on Java 17
# uses it only where the jars are at the paths it was written with, so the image gets one where it is built
# and the .deb's postinst writes one where it installs. Without it (or if it does not match) the app starts
# as before, only slower.
# usage: kaspa-aio-cds.sh IMAGE_DIR [classpath]   (classpath: only print the launcher's class path)
set -eu
image=${1:?usage: kaspa-aio-cds.sh IMAGE_DIR [classpath]}
app="$image/lib/app"
archive="$app/kaspa-aio.jsa"
cp=$(sed -n 's/^app\.classpath=//p' "$app/kaspa-aio.cfg" | sed "s|\\\$APPDIR|$app|" | paste -sd: -)
if [ "${2:-}" = classpath ]; then
    echo "$cp"
    exit 0
fi
log="${TMPDIR:-/tmp}/kaspa-aio-cds.$$.log"
rm -f "$archive"
if "$image/lib/runtime/bin/java" -Xshare:dump -XX:SharedClassListFile="$app/kaspa-aio.classlist" \
        -XX:SharedArchiveFile="$archive" -cp "$cp" >"$log" 2>&1; then
    chmod 0644 "$archive"
    rm -f "$log"
else
    rm -f "$archive"
    echo "kaspa-aio: the class-data archive could not be written (the app works, it starts slower); see $log" >&2
    exit 1
fi
