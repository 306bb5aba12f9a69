#!/bin/bash
# Builds the double-click installers from target/kaspa-aio.jar + target/lib (the classpath layout):
#   target/installer/runtime                 a trimmed Java runtime (jlink: only the modules jdeps finds)
#   target/installer/app-image/kaspa-aio/    the app image, launcher bin/kaspa-aio (a shell script written
#                                            by installer/launcher/write-launcher.sh from jpackage's cfg), with
#                                            its class-data sharing archive (lib/app/kaspa-aio.jsa, see below)
#   target/installer/kaspa-aio_<v>_<arch>.deb  (and an .rpm where rpmbuild is present)
# The .deb's maintainer scripts and desktop entry are ours (installer/linux, jpackage's resource directory):
# desktop integration is best effort, removal keeps everything of the person's.
# Start-up: a training run of the real launcher code (installer/cds/CdsTraining.java: the wizard to its first
# frames, then the common CLI verbs) lists the classes a start loads; the list ships in the image and the .deb,
# and installer/cds/kaspa-aio-cds.sh turns it into the archive the launcher maps (-XX:SharedArchiveFile) —
# here for the app image, and in the .deb's postinst for where it is installed (Java 17 checks the jars' paths).
# The launcher's other JVM options are for start-up too: on the 2-core machines people run this on, C2's
# compiler thread competes with the first frame and a CLI verb ends long before its code would pay off (the
# app's work waits on the engine and the network, not on the CPU); the serial collector suits a heap this
# small and starts no collector threads.
# The training needs an X display: its own Xvfb where that is installed, else $DISPLAY.
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
cp "$repo/installer/cds/kaspa-aio-cds.sh" "$out/input/"
# The jars the jar's own manifest names (its Class-Path is what Maven resolved for this build), not whatever
# target/lib holds: a build without `mvn clean` after a dependency's upgrade keeps the old jar there too, and
# the image would carry both, the old one first on the class path. The platform jars carry JavaFX; the
# classifier-less ones are empty placeholders.
manifest=$(mktemp -d)
(cd "$manifest" && "$jdk_bin/jar" xf "$target/kaspa-aio.jar" META-INF/MANIFEST.MF)
runtime_jars=$(tr -d '\r' < "$manifest/META-INF/MANIFEST.MF" \
	| awk '/^Class-Path: / { cp = substr($0, 13); on = 1; next } on && /^ / { cp = cp substr($0, 2); next } { on = 0 } END { print cp }')
rm -rf "$manifest"
[ -n "$runtime_jars" ] || { echo "build.sh: $target/kaspa-aio.jar's manifest names no Class-Path" >&2; exit 1; }
for jar in $runtime_jars; do
	if ! [[ "$jar" =~ ^lib/javafx-[a-z]+-[0-9.]+\.jar$ ]]; then
		cp "$target/$jar" "$out/input/lib/"
	fi
done
# JavaFX's native libraries beside its jar, where it looks first: otherwise every start compares (and the
# first one per person extracts) them in ~/.openjfx/cache
fx_graphics=$(find "$out/input/lib" -name 'javafx-graphics-*.jar')
(cd "$out/input/lib" && "$jdk_bin/jar" xf "$fx_graphics" $("$jdk_bin/jar" tf "$fx_graphics" | grep '^lib[a-z0-9_]*\.so$'))

modules=$("$jdeps" --multi-release 17 --ignore-missing-deps --print-module-deps \
	--class-path "$out/input/lib/*" "$out/input/kaspa-aio.jar")
# TLS to a tcp:// DOCKER_HOST with EC certificates. (jdk.localedata would add 24 MB for non-English
# number and date formats, which nothing here prints; java.desktop stays: java.beans lives there.)
modules="$modules,jdk.crypto.ec"
echo "runtime modules: $modules" >&2
# The modules image stays uncompressed (no --compress): classes load from it without inflating them, and
# the .deb's xz packs plain class files far better than zip-compressed ones (runtime in the .deb: 18.2 MB
# instead of 30.4 MB; on disk 78 MB instead of 52 MB).
"$jlink" --add-modules "$modules" --strip-debug \
	--no-man-pages --no-header-files \
	--output "$out/runtime"

common=(--name kaspa-aio --app-version "$pkg_version" --vendor "Kaspa All-in-One"
	--description "Installer for the Kaspa All-in-One database-per-service stack")
"$jpackage" --type app-image "${common[@]}" \
	--input "$out/input" --main-jar kaspa-aio.jar --main-class org.kaspa.aio.Launcher \
	--runtime-image "$out/runtime" --icon "$repo/assets/icons/kaspa-aio-256.png" \
	--java-options '-XX:SharedArchiveFile=$APPDIR/kaspa-aio.jsa -XX:TieredStopAtLevel=1 -XX:+UseSerialGC' \
	--java-options '-Dslf4j.provider=org.slf4j.nop.NOPServiceProvider -Dslf4j.internal.verbosity=WARN' \
	--dest "$out/app-image"
image="$out/app-image/kaspa-aio"
# the launcher: a shell script in place of jpackage's native one, which asks rpm and dpkg who owns it at every start
sh "$repo/installer/launcher/write-launcher.sh" "$image"

# ---- the class list: a training run of the launcher's code on the image's runtime and class path ----
classpath=$(sh "$image/lib/app/kaspa-aio-cds.sh" "$image" classpath)
mkdir -p "$out/cds-training"
"$jdk_bin/javac" -d "$out/cds-training" -cp "$classpath" "$repo/installer/cds/CdsTraining.java" "$repo/installer/cds/LambdaProxyLines.java"
xvfb=
if command -v Xvfb >/dev/null 2>&1; then
	display=":$((70 + $$ % 20))"
	Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
	xvfb=$!
	trap 'kill "$xvfb" 2>/dev/null || true' EXIT
	sleep 1
	export DISPLAY="$display"
elif [ -z "${DISPLAY:-}" ]; then
	echo "build.sh: the class-data training run needs an X display: install Xvfb (Debian: xvfb) or set DISPLAY" >&2
	exit 1
fi
training_home=$(mktemp -d)
if ! KASPA_AIO_HOME="$training_home" timeout 180 "$image/lib/runtime/bin/java" \
		-XX:DumpLoadedClassList="$out/cds-training/all.classlist" \
		-Dkaspa.aio.cds.unreached="$repo/installer/cds/unreached-packages" \
		-Dkaspa.aio.cds.lambdas="$out/cds-training/unreached-lambdas.classlist" \
		-cp "$classpath:$out/cds-training" CdsTraining >"$out/cds-training/training.log" 2>&1; then
	echo "build.sh: the class-data training run failed:" >&2
	tail -20 "$out/cds-training/training.log" >&2
	exit 1
fi
rm -rf "$training_home"
# the training's classes are not shipped, so they are not listed; the lambdas of the classes it could not run
# (LambdaProxyLines) follow the classes, each line once
grep -v -e '^CdsTraining' -e '^@[a-z-]* CdsTraining' -e '^LambdaProxyLines' "$out/cds-training/all.classlist" > "$image/lib/app/kaspa-aio.classlist"
grep -vxF -f "$image/lib/app/kaspa-aio.classlist" "$out/cds-training/unreached-lambdas.classlist" >> "$image/lib/app/kaspa-aio.classlist" || true
echo "class list: $(grep -vc '^@' "$image/lib/app/kaspa-aio.classlist") classes, $(grep -c '^@lambda-proxy' "$image/lib/app/kaspa-aio.classlist") lambdas" >&2

linux_pkg=(--app-image "$image" "${common[@]}" --dest "$out"
	--icon "$repo/assets/icons/kaspa-aio-256.png" --linux-shortcut --linux-menu-group "System;Utility"
	--linux-app-category admin --resource-dir "$repo/installer/linux"
	--linux-package-deps "libgtk-3-0, libgl1, libxtst6, libxxf86vm1, libfreetype6, libfontconfig1")
"$jpackage" --type deb "${linux_pkg[@]}"
if command -v rpmbuild >/dev/null 2>&1; then
	"$jpackage" --type rpm "${linux_pkg[@]}"
fi
# the image's own archive, after the packages: theirs is written where they install (postinst)
sh "$image/lib/app/kaspa-aio-cds.sh" "$image"
echo "class-data archive: $(du -h "$image/lib/app/kaspa-aio.jsa" | cut -f1) for the app image" >&2
ls -l "$out"/*.deb "$out"/*.rpm 2>/dev/null >&2 || true
