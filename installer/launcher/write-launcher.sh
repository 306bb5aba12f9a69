#!/bin/sh
# Replaces the native launcher jpackage put in an app image (bin/kaspa-aio) with a shell script that starts
# the image's own runtime with exactly what lib/app/kaspa-aio.cfg says: its JVM options, its class path and
# its main class. Why: jpackage's Linux launcher asks the package manager which package owns it on every
# start, twice (popen'd `rpm -qf` and `dpkg -S`, and once installed from the .deb also `dpkg -L`; `dpkg -S`
# reads dpkg's whole file database: 75 ms here with 770 packages, half a second on a desktop with thousands),
# before a CLI verb or the wizard's first frame can begin. The script asks nobody: the runtime is beside it.
# The cfg stays the one place the class path and options are set (kaspa-aio-cds.sh reads it too).
# usage: write-launcher.sh IMAGE_DIR
set -eu
image=${1:?usage: write-launcher.sh IMAGE_DIR}
name=$(basename "$image")
cfg="$image/lib/app/$name.cfg"
launcher="$image/bin/$name"
[ -f "$cfg" ] && [ -x "$image/lib/runtime/bin/java" ] || { echo "write-launcher.sh: no app image at $image" >&2; exit 1; }

# one cfg value as a double-quoted shell word: its own \ " ` $ escaped, then $APPDIR back as the variable
word() {
    printf '"%s"' "$(printf '%s' "$1" | sed -e 's/[\\"`$]/\\&/g' -e 's/\\\$APPDIR/$appdir/g')"
}
main=$(sed -n 's/^app\.mainclass=//p' "$cfg")
[ -n "$main" ] || { echo "write-launcher.sh: no app.mainclass in $cfg" >&2; exit 1; }
classpath=$(sed -n 's/^app\.classpath=//p' "$cfg" | paste -sd: -)
{
    echo '#!/bin/sh'
    echo "# $name's launcher, written at packaging time by installer/launcher/write-launcher.sh from lib/app/$name.cfg:"
    echo "# the image's runtime with the cfg's JVM options, class path and main class (see that script for why"
    echo "# this is not jpackage's native launcher)."
    echo 'bin=$(dirname "$(readlink -f "$0")")'
    echo 'appdir="${bin%/bin}/lib/app"'
    echo 'exec "${bin%/bin}/lib/runtime/bin/java" \'
    sed -n 's/^java-options=//p' "$cfg" | while IFS= read -r option; do
        echo "    $(word "$option") \\"
    done
    echo "    -cp $(word "$classpath") \\"
    echo "    $(word "$main") \"\$@\""
} > "$launcher.new"
chmod 0755 "$launcher.new"
mv "$launcher.new" "$launcher"
