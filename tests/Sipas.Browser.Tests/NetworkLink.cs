using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sipas.Browser.Tests;

/// <summary>
/// A TCP relay between the browser and the server that a test can cut and restore, so a "lost network" is real for
/// every part of the browser, its service worker included (Playwright's offline switch does not reach service
/// workers). While cut, connections are refused and open ones are dropped.
/// </summary>
public sealed class NetworkLink : IAsyncDisposable
{
    private readonly IPEndPoint target;
    private readonly int port;
    private TcpListener? listener;
    private readonly List<TcpClient> open = [];
    private CancellationTokenSource? up;

    public NetworkLink(Uri server)
    {
        target = new IPEndPoint(IPAddress.Loopback, server.Port);
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Restore();
    }

    public string BaseUrl => $"http://127.0.0.1:{port}";

    public void Restore()
    {
        if (up is not null) return;
        up = new CancellationTokenSource();
        listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _ = Accept(listener, up.Token);
    }

    public void Cut()
    {
        up?.Cancel();
        up = null;
        listener?.Stop();
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    private async Task Accept(TcpListener server, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            TcpClient browser;
            try
            {
                browser = await server.AcceptTcpClientAsync(ct);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            var upstream = new TcpClient();
            await upstream.ConnectAsync(target, ct);
            lock (open) open.AddRange([browser, upstream]);
            var connection = new Connection();
            _ = Pipe(browser, upstream, chunk =>
            {
                if (dropResponseTo is { } request && Encoding.ASCII.GetString(chunk.Span).Contains(request, StringComparison.Ordinal))
                {
                    dropResponseTo = null;
                    connection.DropResponse = true;
                }
                return (chunk.Length, true);
            });
            // The whole link goes down when the answer starts to come back: Chromium quietly resends a request whose reused
            // connection closed before any answer, so only a link that stays down makes the cut reach the page.
            _ = Pipe(upstream, browser, chunk =>
            {
                if (!connection.DropResponse) return (chunk.Length, true);
                Cut();
                dropped?.TrySetResult();
                return (0, false);
            });
        }
    }

    private sealed class Connection
    {
        public volatile bool DropResponse;
    }

    private volatile string? dropResponseTo;
    private TaskCompletionSource? dropped;

    /// <summary>
    /// The next request whose bytes contain <paramref name="request"/> (e.g. <c>POST /api/surveyors/interviews</c>)
    /// reaches the server, but the link is cut (as <see cref="Cut"/>) as soon as the answer starts to come back: the
    /// server has done the work, the browser never hears of it. The task completes when that has happened; call
    /// <see cref="Restore"/> to bring the link back.
    /// </summary>
    public Task DropNextResponseTo(string request)
    {
        dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        dropResponseTo = request;
        return dropped.Task;
    }

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>; <paramref name="pass"/> says how much of each chunk goes through and whether to go on.</summary>
    private static async Task Pipe(TcpClient from, TcpClient to, Func<ReadOnlyMemory<byte>, (int Forward, bool GoOn)> pass)
    {
        try
        {
            var buffer = new byte[16 * 1024];
            var source = from.GetStream();
            var target = to.GetStream();
            int read;
            while ((read = await source.ReadAsync(buffer)) > 0)
            {
                var (forward, goOn) = pass(buffer.AsMemory(0, read));
                await target.WriteAsync(buffer.AsMemory(0, forward));
                if (!goOn) break;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException)
        {
        }
        finally
        {
            from.Dispose();
            to.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Cut();
        return ValueTask.CompletedTask;
    }
}
