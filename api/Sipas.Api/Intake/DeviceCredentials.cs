using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Sipas.Api.Intake;

/// <summary>A device credential the server issued and signed: the device's id and when this credential was issued.</summary>
public sealed record DeviceCredential(Guid DeviceId, DateTimeOffset IssuedAt);

/// <summary>
/// Device credentials (header <c>X-Sipas-Device</c>): 41 bytes, base64url: a version byte, the device id (16 bytes),
/// the issue time (Unix seconds, 8 bytes) and an HMAC-SHA256 of those (first 16 bytes) under a key derived from the
/// installation secret. The citizen page asks for one when a form starts (passing its previous one keeps the device
/// id), so the time a form took is known to the server, not claimed by the client; a credential cannot be forged,
/// and a fresh one per request is a fresh device (met by the per-address and per-service-point limits and the burst
/// flag, not by the per-device cap).
/// </summary>
public sealed class DeviceCredentials(InstallationKeys keys, TimeProvider clock)
{
    public const string Header = "X-Sipas-Device";
    private const byte Version = 1;
    private const int PayloadBytes = 1 + 16 + 8, MacBytes = 16;

    /// <summary>How long a credential is accepted after its issue time (a form saved offline may be sent days later).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    private readonly KeyedHash mac = new(keys.For("device-credential"));
    private readonly KeyedHash deviceHash = new(keys.For("device-hash"));

    public string Issue(Guid deviceId, DateTimeOffset issuedAt)
    {
        Span<byte> bytes = stackalloc byte[PayloadBytes + MacBytes];
        bytes[0] = Version;
        deviceId.TryWriteBytes(bytes[1..17], bigEndian: true, out _);
        BinaryPrimitives.WriteInt64BigEndian(bytes[17..25], issuedAt.ToUnixTimeSeconds());
        Mac(bytes[..PayloadBytes], bytes[PayloadBytes..]);
        return WebEncoders.Base64UrlEncode(bytes.ToArray());
    }

    /// <summary>The credential in <paramref name="text"/> when it is well formed, signed by this installation and not
    /// expired; otherwise null (missing, forged, altered, from the future or too old).</summary>
    public DeviceCredential? Read(string? text)
    {
        if (text is null or { Length: 0 or > 80 }) return null;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(text);
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length != PayloadBytes + MacBytes || bytes[0] != Version) return null;
        Span<byte> expected = stackalloc byte[MacBytes];
        Mac(bytes.AsSpan(0, PayloadBytes), expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadBytes))) return null;
        var issued = DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(17, 8)));
        var now = clock.GetUtcNow();
        if (issued > now.AddMinutes(1) || now - issued > Lifetime) return null;
        return new DeviceCredential(new Guid(bytes.AsSpan(1, 16), bigEndian: true), issued);
    }

    /// <summary>What is stored of a device: a keyed hash of its id (finds repeats, names nobody).</summary>
    public byte[] Hash(Guid deviceId) => deviceHash.Compute(deviceId.ToByteArray(bigEndian: true));

    private void Mac(ReadOnlySpan<byte> payload, Span<byte> into)
    {
        Span<byte> full = stackalloc byte[32];
        mac.Compute(payload, full);
        full[..MacBytes].CopyTo(into);
    }
}
