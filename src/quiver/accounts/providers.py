"""What accounts' admin pages ask of the library above them (see quiver.core.providers): the collections a user
reaches through their groups, and the grants a group holds. Answered from LibraryConfig.ready()."""

from quiver.core.providers import Provider

# [(collection, best level, capability, via group names)] for every collection the user's groups reach.
collection_access = Provider("collection_access", default=lambda user: [])
# The group's collection grants (with their collection), by collection path.
group_grants = Provider("group_grants", default=lambda group: [])
