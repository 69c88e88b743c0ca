// Package author writes new decision records and radar blips into a site
// folder on disk, as "waymark new" and "waymark import" do. The formats
// themselves (what a new record or blip file says) belong to the decision
// and radar packages, which do no I/O; this package decides where files
// go and how they reach the disk.
//
// # Invariants
//
//   - A file is never overwritten: new files are created exclusively, and
//     an existing file is an error ("waymark never overwrites a file").
//   - A record number is never reused: a new record gets one more than the
//     highest number of any file name in its folder, records that do not
//     parse and deleted numbers below the highest included.
//   - Two writers at once never take the same number: the folder's lock
//     file, .waymark-new.lock, is held from choosing the number to
//     creating the file. A lock older than a minute is left over from a
//     killed run and is taken over.
//   - Marking a record superseded changes only its status (or adds a
//     status line), in the record's own format, and replaces the file
//     atomically, keeping its permissions.
//   - Blips are written all or none: if one cannot be created, the files
//     this call wrote are removed again.
package author
