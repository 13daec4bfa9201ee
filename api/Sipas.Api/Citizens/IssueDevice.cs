using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sipas.Api.Intake;
using Sipas.Api.Setup;

namespace Sipas.Api.Citizens;

/// <param name="Credential">The credential the phone holds, if any: a valid one keeps the device's identity.</param>
public record DeviceRequest(string? Credential);

/// <param name="Credential">Send it in the <c>X-Sipas-Device</c> header with the ratings of the form started now.</param>
public record DeviceIssued(string Credential, DateTimeOffset IssuedAt);

/// <summary>
/// <c>POST /api/public/devices</c>: a device credential signed by the server, asked for when a form starts. The
/// credential's issue time is when the form started, as far as the server is concerned.
/// </summary>
public static class IssueDevice
{
    public static async Task<Results<Ok<DeviceIssued>, ProblemHttpResult>> Handle(
        HttpRequest request, DeviceCredentials credentials, IntakeLimits limits, TimeProvider clock, CancellationToken ct)
    {
        string? previous = null;
        if (await Input.ReadLimitedAsync(request, 1024, ct) is { Length: > 0 } body)
        {
            try
            {
                using var document = JsonDocument.Parse(body, Input.DocumentOptions(maxDepth: 2));
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("credential", out var value) && value.ValueKind == JsonValueKind.String)
                    previous = value.GetString();
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException)
            {
                // A broken body asks for a new device, like no body.
            }
        }
        if (!await limits.CountCredentialAsync(request.HttpContext, ct))
            return Problems.TooMany(request.HttpContext, "too-many", 60,
                "Quá nhiều yêu cầu, vui lòng thử lại sau / Too many requests, please retry later");
        var device = credentials.Read(previous)?.DeviceId ?? Guid.NewGuid();
        var now = clock.GetUtcNow();
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(new DeviceIssued(credentials.Issue(device, now), DateTimeOffset.FromUnixTimeSeconds(now.ToUnixTimeSeconds())));
    }
}
