// The yardstick for bench/wrk/run.sh: what Kestrel and System.Text.Json serve on this machine with no
// framework work in between (no auth, no database, no middleware), so CoBuild's figures read as a share of it.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/json", () => TypedResults.Ok(new Message("Hello, World!")));
app.Run();

internal sealed record Message(string message);
