#!/usr/bin/env python3
"""The totals of a test run from its trx files: one line `N passed, N failed, N skipped`; exit 1 on any failure."""
import glob, sys, xml.etree.ElementTree as ET
files = glob.glob(f"{sys.argv[1]}/**/*.trx", recursive=True)
if not files:
    print("0 passed, 1 failed (no test results: the build or the test host failed)")
    sys.exit(1)
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in files:
    summary = ET.parse(f).getroot().find("t:ResultSummary", ns)
    c = summary.find("t:Counters", ns).attrib
    run_failed = int(c["failed"]) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    if summary.get("outcome") not in ("Completed", "Passed", "Warning") and run_failed == 0:
        # the test host died (outcome Aborted/Failed with no failed test): the tests it never ran are unknown, count the run as one failure
        print(f"test run {summary.get('outcome')}: {f}")
        failed += 1
    passed += int(c["passed"])
    failed += run_failed
    skipped += int(c["total"]) - int(c["executed"])
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or passed == 0 else 0)
