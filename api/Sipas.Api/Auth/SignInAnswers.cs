using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Sipas.Data;

namespace Sipas.Api.Auth;

/// <summary>
/// The answers of a sign-in that did not succeed, as fixed bytes: every failure (unknown user name, wrong password,
/// disabled account) gets byte for byte the same 401 body, every throttled attempt the same 429 body (no trace id,
/// nothing of the request), so neither says whether an account exists or a password was right.
/// </summary>
public static class SignInAnswers
{
    public const string ContentType = "application/problem+json";

    private static readonly byte[] FailedBody = Body(StatusCodes.Status401Unauthorized,
        "Sai tên đăng nhập hoặc mật khẩu / Wrong user name or password", null);

    private static readonly byte[] ThrottledBody = Body(StatusCodes.Status429TooManyRequests,
        "Quá nhiều lần đăng nhập không thành công / Too many failed sign-ins",
        "Vui lòng thử lại sau số giây trong tiêu đề Retry-After. / Please retry after the seconds in the Retry-After header.");

    /// <summary>401, the one answer of every failure.</summary>
    public static IResult Failed { get; } = new Fixed(StatusCodes.Status401Unauthorized, FailedBody, null);

    /// <summary>429 with <c>Retry-After</c> (whole seconds, at least 1).</summary>
    public static IResult Throttled(TimeSpan wait) =>
        new Fixed(StatusCodes.Status429TooManyRequests, ThrottledBody, (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds)));

    /// <summary>A user that does not exist, for running the password hasher on unknown names.</summary>
    public static readonly SipasUser Nobody = new() { UserName = "-", DisplayName = "-" };

    private static string? nobodysHash;

    /// <summary>A hash of a random password made by <paramref name="hasher"/> (same algorithm and work factor as real ones).</summary>
    public static string NobodysHash(IPasswordHasher<SipasUser> hasher) =>
        nobodysHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));

    private static byte[] Body(int status, string title, string? detail) => Encoding.UTF8.GetBytes(JsonSerializer.Serialize(
        new Dictionary<string, object?>
        {
            ["type"] = status == 401 ? "https://tools.ietf.org/html/rfc9110#section-15.5.2" : "https://tools.ietf.org/html/rfc6585#section-4",
            ["title"] = title,
            ["status"] = status,
            ["detail"] = detail,
        }.Where(p => p.Value is not null).ToDictionary(), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    private sealed class Fixed(int status, byte[] body, int? retryAfterSeconds) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = ContentType;
            http.Response.Headers.CacheControl = "no-store";
            if (retryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.ContentLength = body.Length;
            await http.Response.Body.WriteAsync(body);
        }
    }
}
