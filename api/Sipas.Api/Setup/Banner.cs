using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Sipas.Api.Setup;

/// <summary>What <c>./sipas run</c> prints once the platform is up: where to go and how to sign in.</summary>
public static class Banner
{
    public static void PrintWhenStarted(WebApplication app)
    {
        if (!app.Configuration.GetValue<bool>("Sipas:Banner")) return;
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?
                .Addresses.FirstOrDefault() ?? "http://127.0.0.1:8080";
            var accounts = app.Configuration["Sipas:DemoAccountsFile"] is { } file && File.Exists(file)
                ? File.ReadAllLines(file).Select(l => l.Split('\t')).Where(p => p.Length == 3)
                    .Select(p => $"    {p[0],-11} {p[1]}   ({p[2]})")
                : [];
            Console.WriteLine($"""

                Sipas đang chạy / Sipas is running
                  Trang đánh giá của người dân / Citizen survey:  {address}/s/XD-01
                  Đăng nhập cán bộ / Staff sign-in:               {address}/staff
                  Tài liệu API / API reference:                   {address}/api-docs  (OpenAPI: {address}/openapi/v1.json)
                  Tình trạng / Health:                            {address}/health/ready
                  Tài khoản demo / Demo accounts (user  password):
                {string.Join(Environment.NewLine, accounts)}
                  Dừng / Stop: Ctrl-C

                """);
        });
    }
}
