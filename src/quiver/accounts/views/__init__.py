"""Administration and self-service pages: users, groups, API tokens, my account (collection grants:
quiver.library.views.grants)."""
