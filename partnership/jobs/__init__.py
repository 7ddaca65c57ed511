"""Long work as jobs: a large document or export prepared by the worker while the page shows its
progress, the file kept for a day for the user who asked. What a job makes is a *kind* that the
sub-domain owning the document declares (``registry``); this package knows none of them."""
