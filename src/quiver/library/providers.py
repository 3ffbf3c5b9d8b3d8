"""What the library asks of the apps above it (see quiver.core.providers): each is answered by the app named,
from its AppConfig.ready(); unanswered (that app not installed), the library's own default holds."""

from quiver.core.providers import Provider

# The approval policy covering an asset (the nearest up its collection tree, else the default), or None.
# Answered by quiver.lifecycle (lifecycle.selectors.approval_policy_for); no lifecycle: no approval policies.
approval_policy_for = Provider("approval_policy_for", default=lambda asset, policies=None: None)
