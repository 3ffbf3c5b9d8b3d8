from quiver.demo.files import make_docx, make_pdf, make_pptx, make_xlsx  # noqa: F401
