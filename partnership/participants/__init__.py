"""A visit's participants: listing, adding and changing them one by one, and importing them from a file."""
