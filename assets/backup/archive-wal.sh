#!/bin/sh
# kaspa-aio: PostgreSQL's archive_command (archive-wal.sh %p %f). Copies one WAL file into the backups
# volume under a temporary name and renames it, so a half-copied file is never taken for an archived one.
# It never overwrites an archived file: the same content again is success (the server stopped before it
# noted the copy), different content fails loudly and the server keeps the file and retries.
set -eu
src="$1"
name="$2"
dir=/backups/wal
if [ -f "$dir/$name" ]; then
	if cmp -s "$src" "$dir/$name"; then
		exit 0
	fi
	echo "kaspa-aio archive-wal: $dir/$name already exists with other content; refusing to overwrite it" >&2
	exit 1
fi
cp "$src" "$dir/.$name.partial"
mv "$dir/.$name.partial" "$dir/$name"
