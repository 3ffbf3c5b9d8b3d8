"""Administration and self-service pages: users, groups, collection grants, API tokens, my account."""
