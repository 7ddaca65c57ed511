"""The visit day at the gate: a participant's pass opened from their badge, clearance for
the site, check-in and check-out, the camera's scan page and a site's roll call."""
