-- Adds the bearer token from the environment and prints one JSON line with p50/p95/p99 in ms.
local token = os.getenv("COBUILD_TOKEN")
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
-- A JSON body turns the load into POSTs (the desk's intake).
local body = os.getenv("COBUILD_BODY")
if body and body ~= "" then
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end

done = function(summary, latency, requests)
  io.write(string.format(
    '{"path":"%s","requests":%d,"rps":%.1f,"p50Ms":%.2f,"p95Ms":%.2f,"p99Ms":%.2f,"errors":%d,"non2xx":%d}\n',
    wrk.path, summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
