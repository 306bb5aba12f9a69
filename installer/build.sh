#!/bin/bash
# Builds the double-click installers from target/kaspa-aio.jar + target/lib (the classpath layout):
#   target/installer/runtime                 a trimmed Java runtime (jlink: only the modules jdeps finds)
#   target/installer/app-image/kaspa-aio/    the app image, launcher bin/kaspa-aio
#   target/installer/kaspa-aio_<v>_<arch>.deb  (and an .rpm where rpmbuild is present)
# The .deb's maintainer scripts and desktop entry are ours (installer/linux, jpackage's resource directory):
# desktop integration is best effort, removal keeps everything of the person's.
# Run by `mvn -Pinstaller -DskipTests package` (after the jar is built). docker-java is not modular, so
# everything, JavaFX included, runs from the classpath, exactly like `java -jar target/kaspa-aio.jar`.
set -Eeuo pipefail
version="${1:?usage: build.sh VERSION}"
repo=$(cd "$(dirname "$0")/.." && pwd)
target="$repo/target"
out="$target/installer"
jdk_bin="$(dirname "$(readlink -f "$(command -v javac)")")"
jpackage="$jdk_bin/jpackage"; jlink="$jdk_bin/jlink"; jdeps="$jdk_bin/jdeps"
# jpackage wants a plain numeric version
pkg_version=$(echo "$version" | sed -E 's/[^0-9.].*$//')

rm -rf "$out"
mkdir -p "$out/input/lib"
cp "$target/kaspa-aio.jar" "$out/input/"
# the platform jars carry JavaFX; the classifier-less ones are empty placeholders
find "$target/lib" -name '*.jar' ! -regex '.*/javafx-[a-z]+-[0-9.]+\.jar' -exec cp {} "$out/input/lib/" \;

modules=$("$jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
	--class-path "$out/input/lib/*" "$out/input/kaspa-aio.jar")
# TLS to a tcp:// DOCKER_HOST with EC certificates. (jdk.localedata would add 24 MB for non-English
# number and date formats, which nothing here prints; java.desktop stays: java.beans lives there.)
modules="$modules,jdk.crypto.ec"
echo "runtime modules: $modules" >&2
"$jlink" --add-modules "$modules" --strip-debug \
	--no-man-pages --no-header-files --compress=2 \
	--output "$out/runtime"

common=(--name kaspa-aio --app-version "$pkg_version" --vendor "Kaspa All-in-One"
	--description "Installer for the Kaspa All-in-One database-per-service stack")
"$jpackage" --type app-image "${common[@]}" \
	--input "$out/input" --main-jar kaspa-aio.jar --main-class org.kaspa.aio.Launcher \
	--runtime-image "$out/runtime" --icon "$repo/assets/icons/kaspa-aio-256.png" \
	--dest "$out/app-image"

linux_pkg=(--app-image "$out/app-image/kaspa-aio" "${common[@]}" --dest "$out"
	--icon "$repo/assets/icons/kaspa-aio-256.png" --linux-shortcut --linux-menu-group "System;Utility"
	--linux-app-category admin --resource-dir "$repo/installer/linux"
	--linux-package-deps "libgtk-3-0, libgl1, libxtst6, libxxf86vm1, libfreetype6, libfontconfig1")
"$jpackage" --type deb "${linux_pkg[@]}"
if command -v rpmbuild >/dev/null 2>&1; then
	"$jpackage" --type rpm "${linux_pkg[@]}"
fi
ls -l "$out"/*.deb "$out"/*.rpm 2>/dev/null >&2 || true
