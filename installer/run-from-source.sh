#!/bin/bash
# The README's "run the app" command: on a new Debian 12 machine as root it installs what building and
# showing the window need (JDK 17, Maven, the GTK/GL libraries JavaFX uses), builds target/kaspa-aio.jar
# and starts it. Arguments go to the app: none opens the installer window, anything else is the CLI.
set -Eeuo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
packages=(openjdk-17-jdk-headless maven libgtk-3-0 libgl1 libfreetype6 libfontconfig1 fonts-dejavu-core libxtst6)
missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ] && [ "$(id -u)" = 0 ]; then
	echo "installing: ${missing[*]}" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
cd "$repo"
if [ ! -f target/kaspa-aio.jar ] || [ -n "$(find src assets pom.xml -newer target/kaspa-aio.jar -print -quit)" ]; then
	mvn -q -B -ntp -DskipTests package
fi
exec java -jar target/kaspa-aio.jar "$@"
