"""Times Anki's own import of a text export, in-process: a new collection,
`Collection.get_csv_metadata` and `Collection.import_csv`, as
scripts/anki_import_check.py uses them. Prints

    anki_import_s=S    seconds for the import (median of RUNS runs)
    notes=N            notes after one import

or `anki=absent` where Anki's Python package is not installed
(`pip install anki`). Used by scripts/bench.sh beside Tabula's own import of
the same file.

Usage: anki_import_time.py EXPORT_FILE [RUNS]
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path


def main() -> int:
    try:
        from anki.collection import Collection, ImportCsvRequest
    except ImportError:
        print("anki=absent")
        return 0
    path = sys.argv[1]
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times = []
    notes = 0
    for run in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            collection = Collection(str(Path(folder) / f"bench-{run}.anki2"))
            try:
                start = time.perf_counter()
                metadata = collection.get_csv_metadata(path=path, delimiter=None)
                collection.import_csv(ImportCsvRequest(path=path, metadata=metadata))
                times.append(time.perf_counter() - start)
                notes = len(collection.find_notes(""))
            finally:
                collection.close()
    print(f"anki_import_s={statistics.median(times):.4f}")
    print(f"notes={notes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
