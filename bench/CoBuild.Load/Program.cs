using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using CoBuild.Load;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

// dotnet run -c Release --project bench/CoBuild.Load -- auction --base http://127.0.0.1:5090 --bidders 1000 --seconds 20
//     [--rate 40] [--pid SERVER_PID] [--batch 50] [--grace 5] [--client raw|signalr]
// Connects N hub clients to a new 府山 auction, raises paddles at a steady rate through the HTTP API (80 units in turn;
// a full lot is hammered and the next one opened) and measures each push from the server's acceptance (paddle.raisedAt,
// state.serverNow) to its receipt by every client. Progress on stderr, one JSON line last on stdout.
if (args.Length == 0 || args[0] != "auction")
{
    Console.Error.WriteLine("usage: auction --base URL [--bidders N] [--seconds S] [--rate R] [--pid PID] [--batch B] [--grace G]");
    return 2;
}

string? Opt(string name)
{
    var i = Array.IndexOf(args, "--" + name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
double Num(string name, double fallback) => Opt(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

var baseUrl = (Opt("base") ?? "http://127.0.0.1:5090").TrimEnd('/');
var bidders = (int)Num("bidders", 1000);
var duration = TimeSpan.FromSeconds(Num("seconds", 20));
var rate = Num("rate", 40);
var batch = (int)Num("batch", 50);
var grace = TimeSpan.FromSeconds(Num("grace", 5));
// raw: SignalR's JSON protocol over bare WebSockets (RawBidder), cheap enough that the client does not limit the run;
// signalr: the official .NET hub client, as before.
var rawClients = (Opt("client") ?? "raw") == "raw";
var serverPid = Opt("pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
// A batch of connects parks many continuations at once; the pool would add threads one by one and connects time out.
ThreadPool.SetMinThreads(Math.Max(batch, 16), Math.Max(batch, 16));

using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
var api = new Api(http);
var moderator = await api.TokenAsync("street.fushan");
var units = new string[80];
await Parallel.ForEachAsync(Enumerable.Range(0, units.Length), new ParallelOptions { MaxDegreeOfParallelism = 4 },
    async (i, _) => units[i] = await api.TokenAsync($"unit.fushan.{i + 1:00}"));
var auctionId = await api.CreateAuctionAsync(moderator, $"负载测试 {DateTime.Now:HH:mm:ss}");
Console.Error.WriteLine($"auction {auctionId}, 80 unit tokens; connecting {bidders} clients in batches of {batch}");

var deliveries = new Deliveries();
var rssBefore = Rss(serverPid);
var connections = new IAsyncDisposable?[bidders];
int failed = 0, dropped = 0;
var stopping = false;
void Drop()
{
    if (!Volatile.Read(ref stopping)) Interlocked.Increment(ref dropped);
}
var hubWs = new Uri(baseUrl.Replace("http", "ws", StringComparison.Ordinal) + "/hubs/auction");
var connectClock = Stopwatch.StartNew();
await Parallel.ForEachAsync(Enumerable.Range(0, bidders), new ParallelOptions { MaxDegreeOfParallelism = batch }, async (i, ct) =>
{
    IAsyncDisposable client;
    Func<Task> join;
    if (rawClients)
    {
        var raw = new RawBidder(hubWs, deliveries) { Dropped = Drop };
        (client, join) = (raw, () => raw.JoinAsync(auctionId, ct));
    }
    else
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(baseUrl + "/hubs/auction", HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .Build();
        connection.On<PaddleMessage>("paddle", m => deliveries.Received(m, DateTimeOffset.UtcNow));
        connection.On<StateMessage>("state", m => deliveries.Received(m, DateTimeOffset.UtcNow));
        connection.On<StateMessage>("lot", m => deliveries.Received(m, DateTimeOffset.UtcNow)); // one changed lot: carries serverNow too
        connection.Closed += _ =>
        {
            Drop();
            return Task.CompletedTask;
        };
        (client, join) = (connection, async () =>
        {
            await connection.StartAsync(ct);
            await connection.InvokeAsync<StateMessage>("Join", auctionId, ct);
        });
    }
    try
    {
        await join();
        connections[i] = client;
    }
    catch (Exception e)
    {
        if (Interlocked.Increment(ref failed) <= 5) Console.Error.WriteLine($"client {i}: {e.GetType().Name}: {e.Message}");
        await client.DisposeAsync();
    }
});
// Raw clients keep the server's 30 s client timeout at bay themselves.
using var pings = rawClients
    ? new Timer(_ => { foreach (var c in connections) if (c is RawBidder b) _ = b.PingAsync(); }, null, 10_000, 10_000)
    : null;
var joined = bidders - failed;
var connectSeconds = connectClock.Elapsed.TotalSeconds;
Console.Error.WriteLine($"{joined} joined, {failed} failed in {connectSeconds:0.0} s");
await Task.Delay(2000); // let the server settle after the connects before reading its memory
var rssAfter = Rss(serverPid);

// The driver: one paddle every 1/rate s, units in turn; when all 80 raised on a lot, hammer it and open the next.
var raises = new Latencies();
int lots = 0, states = 0, refused = 0;
var cpuClient = Process.GetCurrentProcess().TotalProcessorTime;
var cpuServer = Cpu(serverPid);
var cpuMachine = MachineBusy();
var clock = Stopwatch.StartNew();
async Task<int> NextLotAsync()
{
    var lot = await api.AddLotAsync(moderator, auctionId, $"拍品 {++lots}");
    await api.OpenAsync(moderator, auctionId, lot);
    states += 2;
    return lot;
}
async Task RaiseAsync(string token, int lot)
{
    var sent = clock.Elapsed;
    var paddle = await api.RaiseAsync(token, auctionId, lot);
    raises.Add(clock.Elapsed - sent);
    if (paddle is null) Interlocked.Increment(ref refused);
    else deliveries.Acknowledged(paddle);
}
using var progress = new Timer(_ => Console.Error.WriteLine(
    $"{clock.Elapsed.TotalSeconds,5:0.0} s  acked {deliveries.Acked,5}  lots {lots,3}  receipts {deliveries.Paddles.Count + deliveries.States.Count,9}  dropped {dropped}"),
    null, 1000, 1000);
var current = await NextLotAsync();
var inFlight = new List<Task>();
var next = clock.Elapsed;
var interval = TimeSpan.FromSeconds(1 / rate);
for (var unit = 0; clock.Elapsed < duration; unit++)
{
    if (unit == units.Length)
    {
        await Task.WhenAll(inFlight);
        inFlight.Clear();
        await api.HammerAsync(moderator, auctionId, current);
        states++;
        current = await NextLotAsync();
        unit = 0;
        next = clock.Elapsed; // no burst to catch up after the lot change: the achieved rate is reported instead
    }
    inFlight.Add(RaiseAsync(units[unit], current));
    next += interval;
    if (next - clock.Elapsed is { Ticks: > 0 } wait) await Task.Delay(wait);
}
await Task.WhenAll(inFlight);
var driven = clock.Elapsed;
var cpuClientUsed = Process.GetCurrentProcess().TotalProcessorTime - cpuClient;
var cpuServerUsed = Cpu(serverPid) - cpuServer;
var cpuMachineUsed = MachineBusy() - cpuMachine;

// Grace: wait until every client has every acknowledged paddle and every state, or the grace period ends.
var expected = (long)deliveries.Acked * joined;
var graceClock = Stopwatch.StartNew();
while (graceClock.Elapsed < grace && (deliveries.Paddles.Count < expected || deliveries.StatesReceived < (long)states * joined)) await Task.Delay(100);
progress.Dispose();
var rssEnd = Rss(serverPid);
Volatile.Write(ref stopping, true);
await Task.WhenAll(connections.OfType<IAsyncDisposable>().Select(c => c.DisposeAsync().AsTask()));

double Round(double v) => Math.Round(v, 1);
var summary = new Dictionary<string, object?>
{
    ["client"] = rawClients ? "raw" : "signalr", ["bidders"] = bidders, ["joined"] = joined, ["failedConnects"] = failed, ["dropped"] = dropped,
    ["connectSeconds"] = Round(connectSeconds),
    ["events"] = deliveries.Acked + states, ["paddles"] = deliveries.Acked, ["states"] = states, ["lots"] = lots, ["refused"] = refused,
    ["paddlesPerSec"] = Round(deliveries.Acked / driven.TotalSeconds),
    ["deliveries"] = deliveries.Paddles.Count + deliveries.States.Count,
    ["p50Ms"] = Latencies.Percentile(0.50, deliveries.Paddles, deliveries.States),
    ["p99Ms"] = Latencies.Percentile(0.99, deliveries.Paddles, deliveries.States),
    ["maxMs"] = Round(Math.Max(deliveries.Paddles.MaxMs, deliveries.States.MaxMs)),
    ["paddleP99Ms"] = Latencies.Percentile(0.99, deliveries.Paddles), ["stateP99Ms"] = Latencies.Percentile(0.99, deliveries.States),
    ["lost"] = deliveries.Lost(joined), ["statesLost"] = Math.Max(0, (long)states * joined - deliveries.StatesReceived),
    ["raiseP50Ms"] = Latencies.Percentile(0.50, raises), ["raiseP99Ms"] = Latencies.Percentile(0.99, raises),
    ["clientCpuPct"] = Round(100 * cpuClientUsed / driven),
    ["machineCpuPct"] = Round(100 * cpuMachineUsed / driven), ["cores"] = Environment.ProcessorCount,
};
if (serverPid is not null)
{
    summary["serverCpuPct"] = Round(100 * cpuServerUsed / driven);
    // Whatever else ran on the machine meanwhile (a build, a test run) took this share from the two above.
    summary["otherCpuPct"] = Round(100 * (cpuMachineUsed - cpuClientUsed - cpuServerUsed) / driven);
    summary["serverRssBeforeMB"] = Round(rssBefore / 1024.0);
    summary["serverRssAfterMB"] = Round(rssAfter / 1024.0);
    summary["serverRssEndMB"] = Round(rssEnd / 1024.0);
    summary["kbPerConnection"] = joined == 0 ? null : Round((rssAfter - rssBefore) / (double)joined);
}
Console.WriteLine(JsonSerializer.Serialize(summary));
return 0;

// VmRSS of the server in KiB (0 without --pid).
static long Rss(int? pid) => pid is { } id
    ? long.Parse(File.ReadLines($"/proc/{id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
        CultureInfo.InvariantCulture)
    : 0;

// User + system CPU of the server from /proc/PID/stat (fields 14 and 15), in clock ticks of 10 ms.
static TimeSpan Cpu(int? pid)
{
    if (pid is not { } id) return TimeSpan.Zero;
    var stat = File.ReadAllText($"/proc/{id}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return Ticks(fields[11]) + Ticks(fields[12]);
}

// Busy CPU of the whole machine from the first line of /proc/stat: all but idle (4th) and iowait (5th).
static TimeSpan MachineBusy()
{
    var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..9];
    return fields.Where((_, i) => i is not (3 or 4)).Aggregate(TimeSpan.Zero, (sum, f) => sum + Ticks(f));
}

static TimeSpan Ticks(string clockTicks) => TimeSpan.FromMilliseconds(10 * long.Parse(clockTicks, CultureInfo.InvariantCulture));
