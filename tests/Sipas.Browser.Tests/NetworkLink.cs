using System.Net;
using System.Net.Sockets;

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
            _ = Pipe(browser, upstream);
            _ = Pipe(upstream, browser);
        }
    }

    private static async Task Pipe(TcpClient from, TcpClient to)
    {
        try
        {
            await from.GetStream().CopyToAsync(to.GetStream());
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
