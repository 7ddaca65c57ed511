"""The start page: what each role sees first, composed from every sub-domain below it."""
