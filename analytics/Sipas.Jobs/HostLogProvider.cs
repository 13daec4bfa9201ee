using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Sipas.Jobs;

/// <summary>
/// Hangfire keeps its log provider in a static. When the host that set it is disposed while another host in the
/// same process goes on (test runs create several), Hangfire must fall back to silence instead of throwing from
/// every job call; in a normal process, with one host, this is exactly Hangfire's own ASP.NET Core provider.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory factory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(factory);

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
