using System.Buffers;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace CoBuild.Load;

/// <summary>
/// One hub client spoken in SignalR's JSON protocol over a bare WebSocket: the handshake, the Join invocation, then
/// each pushed record is scanned with a Utf8JsonReader for the few fields the measurement needs. The .NET hub client
/// deserialises every message into objects through its invocation pipeline; at 40,000 messages a second that took a
/// whole core on the client side, so the figure measured the client, not the server.
/// </summary>
internal sealed class RawBidder(Uri hub, Deliveries deliveries) : IAsyncDisposable
{
    private const byte RecordSeparator = 0x1e;
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}\u001e");
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}\u001e");

    private readonly ClientWebSocket _ws = new();
    private readonly TaskCompletionSource _joined = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _receiving = Task.CompletedTask;

    /// <summary>Set when the socket ends before the run does.</summary>
    public Action? Dropped { get; init; }

    public async Task JoinAsync(int auctionId, CancellationToken ct)
    {
        _ws.Options.KeepAliveInterval = TimeSpan.Zero; // SignalR has its own pings; the driver sends them (PingAsync)
        await _ws.ConnectAsync(hub, ct);
        await SendAsync(Handshake, ct);
        _receiving = Task.Run(ReceiveAsync, CancellationToken.None);
        await SendAsync(Encoding.UTF8.GetBytes($"{{\"type\":1,\"invocationId\":\"0\",\"target\":\"Join\",\"arguments\":[{auctionId}]}}\u001e"), ct);
        await _joined.Task.WaitAsync(ct);
    }

    /// <summary>The server closes a connection it has not heard from for 30 s.</summary>
    public Task PingAsync() => _ws.State == WebSocketState.Open ? SendAsync(Ping, CancellationToken.None) : Task.CompletedTask;

    private async Task SendAsync(byte[] bytes, CancellationToken ct)
    {
        await _sending.WaitAsync(ct);
        try { await _ws.SendAsync(bytes, WebSocketMessageType.Text, true, ct); }
        finally { _sending.Release(); }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        var handshakeDone = false;
        try
        {
            while (true)
            {
                var result = await _ws.ReceiveAsync(buffer.GetMemory(8 * 1024), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close) break;
                buffer.Advance(result.Count);
                var at = DateTimeOffset.UtcNow;
                var data = buffer.WrittenMemory;
                int end, consumed = 0;
                while ((end = data.Span[consumed..].IndexOf(RecordSeparator)) >= 0)
                {
                    var record = data.Span.Slice(consumed, end);
                    consumed += end + 1;
                    if (!handshakeDone) { handshakeDone = true; continue; } // "{}": the server accepted the protocol
                    Handle(record, at);
                }
                if (consumed == 0) continue;
                var rest = data[consumed..].ToArray();
                buffer.ResetWrittenCount();
                buffer.Write(rest);
            }
        }
        catch (WebSocketException) { }
        catch (ObjectDisposedException) { }
        catch (OperationCanceledException) { } // Abort() during DisposeAsync
        _joined.TrySetException(new IOException("closed before the join completed"));
        Dropped?.Invoke();
    }

    /// <summary>type 1 = invocation (paddle, lot, state), 3 = completion (the Join), 6 = ping, 7 = close.</summary>
    private void Handle(ReadOnlySpan<byte> record, DateTimeOffset at)
    {
        var reader = new Utf8JsonReader(record);
        int type = 0, lotId = 0, unitId = 0;
        string? target = null;
        DateTimeOffset? time = null;
        reader.Read(); // {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type")) { reader.Read(); type = reader.GetInt32(); }
            else if (reader.ValueTextEquals("target")) { reader.Read(); target = reader.GetString(); }
            else if (reader.ValueTextEquals("arguments"))
            {
                reader.Read(); // [
                reader.Read(); // { of the one argument
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    if (reader.ValueTextEquals("lotId")) { reader.Read(); lotId = reader.GetInt32(); }
                    else if (reader.ValueTextEquals("unitId")) { reader.Read(); unitId = reader.GetInt32(); }
                    else if (reader.ValueTextEquals("raisedAt") || reader.ValueTextEquals("serverNow")) { reader.Read(); time = reader.GetDateTimeOffset(); }
                    else { reader.Read(); reader.Skip(); }
                }
                reader.Read(); // ]
            }
            else { reader.Read(); reader.Skip(); }
        }
        if (type == 3) { _joined.TrySetResult(); return; }
        if (type != 1 || time is not { } sent) return;
        if (target == "paddle") deliveries.Received(new PaddleMessage(lotId, unitId, 0, sent), at);
        else if (target is "lot" or "state") deliveries.Received(new StateMessage(0, null, sent), at);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_ws.State == WebSocketState.Open)
                await _ws.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is WebSocketException or TimeoutException) { }
        _ws.Abort();
        await _receiving;
        _ws.Dispose();
    }
}
