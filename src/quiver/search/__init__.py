"""Full-text search: one small interface (engine.py), Tantivy embedded, PostgreSQL when scaled out."""
