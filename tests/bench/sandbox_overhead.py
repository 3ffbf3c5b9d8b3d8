"""Per-file overhead of the sandbox: median wall time of N analyse calls on a few real corpus files through a
pre-started pool, next to the same analyse called in this process (no sandbox).

    DJANGO_SETTINGS_MODULE=tests.settings PYTHONPATH=src:. python -m tests.bench.sandbox_overhead [-n 50]"""

import argparse
import os
import statistics
import time

import django

CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared", "data", "corpus")
FILES = [
    "pypdf-sample-files/003-pdflatex-image/pdflatex-image.pdf",
    "python-docx-test-files/features/steps/test_files/blk-containing-table.docx",
    "python-pptx-test-files/features/steps/test_files/cht-axis-props.pptx",
    "unstructured-example-docs/example-docs/language-docs/UDHR_first_article_all.txt",
]


def _median_ms(call, n: int) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        call()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=50)
    args = parser.parse_args()
    django.setup()
    from quiver.ingest.analyse import analyse
    from quiver.ingest.sandbox import Pool

    pool = Pool(1)
    pool.warm()
    try:
        for name in FILES:
            path = os.path.join(CORPUS, name)
            filename = os.path.basename(path)
            result = pool.run("quiver.ingest.analyse:analyse", path, filename, timeout=60, cpu=60, memory_mb=1024)
            assert result["status"] == "ready", result
            sandboxed = _median_ms(
                lambda p=path, f=filename: pool.run(
                    "quiver.ingest.analyse:analyse", p, f, timeout=60, cpu=60, memory_mb=1024
                ),
                args.n,
            )
            direct = _median_ms(lambda p=path, f=filename: analyse(p, f), args.n)
            print(
                f"{filename:40} {os.path.getsize(path) // 1024:5d} KB  sandbox {sandboxed:7.2f} ms  "
                f"in-process {direct:7.2f} ms  overhead {sandboxed - direct:6.2f} ms"
            )
    finally:
        pool.close()


if __name__ == "__main__":
    main()
