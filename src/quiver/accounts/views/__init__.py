"""Administration and self-service pages: users, groups, API tokens (collection grants: quiver.library.views.grants), my account."""
