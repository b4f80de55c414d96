"""Imports a `tabula export --format anki` file with Anki's own importer and
prints how many notes arrived, as `notes=N`. Used by tests/instructor.rs where
Anki's Python package is installed (`pip install anki`).

Usage: anki_import_check.py EXPORT_FILE NEW_COLLECTION_PATH
"""

import sys

from anki.collection import Collection, ImportCsvRequest


def main() -> int:
    export_file, collection_path = sys.argv[1], sys.argv[2]
    collection = Collection(collection_path)
    try:
        metadata = collection.get_csv_metadata(path=export_file, delimiter=None)
        collection.import_csv(ImportCsvRequest(path=export_file, metadata=metadata))
        print(f"notes={collection.note_count()}")
    finally:
        collection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
