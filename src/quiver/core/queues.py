"""The task queues ("lanes") and which worker process consumes which.

Each kind of background work has its own queue, so a long import never starves the others (issue 10):

  ingest    text extraction of uploads (process_version): the bulk of the work, in sandbox children
  previews  thumbnails and page images (render_previews): slow (LibreOffice), so never in front of the text
  index     search index updates (update_index, rebuild_index): small and frequent; the embedded Tantivy index has
            ONE writer, so exactly one process consumes this queue in embedded mode
  default   everything else (categorize, similarity, notifications, lifecycle sweeps, periodic jobs)

`quiver serve` starts one supervised worker process per lane (LANES); `quiver worker` alone consumes every queue
(scaled out: run it on as many machines as needed, with the PostgreSQL search backend)."""

INGEST = "ingest"
PREVIEWS = "previews"
INDEX = "index"
DEFAULT = "default"
ALL = [INGEST, PREVIEWS, INDEX, DEFAULT]

# Queues whose tasks run the parsing sandbox: a worker consuming none of them starts no sandbox children.
SANDBOXED = {INGEST, PREVIEWS}

# lane name -> (queues it consumes, runs the periodic thread). The periodic thread runs in exactly one lane.
LANES = {
    "ingest": ([INGEST], False),
    "previews": ([PREVIEWS], False),
    "index": ([INDEX], False),
    "default": ([DEFAULT], True),
}
