"""Imports a `tabula export --format anki` file with Anki's own importer, then
imports it again with every front and back field revised, as an instructor's
corrected export would be. Prints what arrived:

    notes=N        notes after the first import
    reimported=N   notes after the second import (the same N: none duplicated)
    same_ids=yes   the second import kept every note's id and guid
    updated=N      notes whose fields now hold the revision

Used by tests/instructor.rs where Anki's Python package is installed
(`pip install anki`).

Usage: anki_import_check.py EXPORT_FILE NEW_COLLECTION_PATH
"""

import sys
from pathlib import Path

from anki.collection import Collection, ImportCsvRequest

REVISION = " (revised)"


def import_file(collection: Collection, path: str) -> None:
    metadata = collection.get_csv_metadata(path=path, delimiter=None)
    collection.import_csv(ImportCsvRequest(path=path, metadata=metadata))


def notes(collection: Collection) -> dict:
    """Every note by guid: its id and its fields."""
    found = {}
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        found[note.guid] = (note_id, list(note.fields))
    return found


def revised(text: str) -> str:
    """The export with the front and back of every note changed, its guid
    kept: Anki can then only find the note again by its guid (with the front
    unchanged it would match on the first field and hide a missing guid)."""
    guid_column = None
    lines = []
    for line in text.splitlines():
        if line.startswith("#guid column:"):
            guid_column = int(line.split(":", 1)[1]) - 1
        if line.startswith("#") or not line:
            lines.append(line)
            continue
        fields = line.split("\t")
        lines.append("\t".join(f if i == guid_column else f + REVISION for i, f in enumerate(fields)))
    return "\n".join(lines) + "\n"


def main() -> int:
    export_file, collection_path = sys.argv[1], sys.argv[2]
    second_file = Path(collection_path).with_name("revised-export.txt")
    second_file.write_text(revised(Path(export_file).read_text(encoding="utf-8")), encoding="utf-8")
    collection = Collection(collection_path)
    try:
        import_file(collection, export_file)
        first = notes(collection)
        print(f"notes={len(first)}")
        import_file(collection, str(second_file))
        second = notes(collection)
        print(f"reimported={len(second)}")
        same = {guid: ids for guid, (ids, _) in first.items()} == {guid: ids for guid, (ids, _) in second.items()}
        print(f"same_ids={'yes' if same else 'no'}")
        updated = sum(1 for _, fields in second.values() if all(f.endswith(REVISION) for f in fields))
        print(f"updated={updated}")
    finally:
        collection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
