#!/bin/bash
# A bare Debian 12 (debootstrap minbase, apt's package lists fetched) as a tar, for the package test
# (DebPackageIT): each run extracts it anew, so every install starts on a machine that never had kaspa-aio.
# Cached under $KASPA_AIO_TEST_CACHE; prints the tar's path.
set -Eeuo pipefail
cache="${KASPA_AIO_TEST_CACHE:-/var/cache/kaspa-aio-test}"
tar="$cache/package-root.tar"
work="$cache/package-root.build"
if [ ! -f "$tar" ]; then
	echo "debootstrap: building the package-test root (first run only)" >&2
	rm -rf "$work"
	mkdir -p "$work"
	debootstrap --variant=minbase bookworm "$work" http://deb.debian.org/debian >&2
	# the same apt settings as this machine's (its mirror may serve an archive snapshot)
	cp /etc/apt/apt.conf.d/99artifact-registry "$work/etc/apt/apt.conf.d/" 2>/dev/null || true
	cp /etc/resolv.conf "$work/etc/resolv.conf"
	chroot "$work" apt-get update -qq >&2
	rm -rf "$work/var/cache/apt/archives/"*.deb
	tar -C "$work" -cf "$tar.partial" .
	mv "$tar.partial" "$tar"
	rm -rf "$work"
fi
echo "$tar"
