"""Quiver: a self-hosted sales asset library."""
