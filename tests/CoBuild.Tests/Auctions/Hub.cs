using System.Collections.Concurrent;
using System.Text.Json.Serialization;
using CoBuild.Web.Features.Auctions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace CoBuild.Tests.Auctions;

/// <summary>A real SignalR client of /hubs/auction that keeps what the server pushed.</summary>
internal sealed class Hub : IAsyncDisposable
{
    private readonly HubConnection _connection;

    public ConcurrentQueue<PaddleItem> Paddles { get; } = new();
    public ConcurrentQueue<AuctionState> States { get; } = new();
    public ConcurrentQueue<LotChange> Lots { get; } = new();

    private Hub(HubConnection connection)
    {
        _connection = connection;
        connection.On<PaddleItem>("paddle", Paddles.Enqueue);
        connection.On<AuctionState>("state", States.Enqueue);
        connection.On<LotChange>("lot", Lots.Enqueue);
    }

    /// <summary>Over the test server's in-memory handler (long polling), or over a real socket when <paramref name="handler"/> is null.</summary>
    public static async Task<Hub> ConnectAsync(Uri baseAddress, Func<HttpMessageHandler>? handler = null)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, AuctionHub.Path), o =>
            {
                if (handler is null) o.Transports = HttpTransportType.WebSockets;
                else
                {
                    o.HttpMessageHandlerFactory = _ => handler();
                    o.Transports = HttpTransportType.LongPolling;
                }
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        await connection.StartAsync();
        return new Hub(connection);
    }

    public Task<AuctionState> JoinAsync(int auctionId) => _connection.InvokeAsync<AuctionState>("Join", auctionId);

    /// <summary>Waits for a pushed message matching the test; fails after 10 s.</summary>
    public static async Task<T> Until<T>(ConcurrentQueue<T> queue, Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (queue.FirstOrDefault(match) is { } found) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException("The hub did not push the expected message within 10 s.");
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();
}
