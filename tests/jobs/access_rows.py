from tests.access import EVERY_ACCOUNT, LOGIN, SIGNED_IN, Row, expect

# A job answers its owner (A's liaison) alone; anyone else, an administrator too, gets 404.
OWNER_ONLY = expect(404, anonymous=LOGIN, liaison_a=200)
JOB = "/jobs/liaison-a-job-token-for-the-access-table"
MISSING = expect(404, anonymous=LOGIN)

ROWS = [
    Row("GET", "/jobs", "/jobs", SIGNED_IN),
    Row("GET", "/jobs/<token>", JOB, OWNER_ONLY),
    Row("GET", "/jobs/<token>", "/jobs/not-a-job", MISSING),
    Row("GET", "/jobs/<token>/status", f"{JOB}/status", OWNER_ONLY),
    Row("GET", "/jobs/<token>/status", "/jobs/not-a-job/status", MISSING),
    Row("GET", "/jobs/<token>/download", f"{JOB}/download", OWNER_ONLY),
    Row("GET", "/jobs/<token>/download", "/jobs/not-a-job/download", MISSING),
    # The world's job is done: trying it again is refused, back to its page.
    Row("POST", "/jobs/<token>/retry", f"{JOB}/retry", expect(404, anonymous=LOGIN, liaison_a=302)),
    Row("POST", "/jobs/<token>/retry", "/jobs/not-a-job/retry", MISSING),
    Row("GET", "/static/jobs/<path:filename>", "/static/jobs/jobs.js", EVERY_ACCOUNT),  # a script, as every static file
]
