using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Sipas.Api.Intake;

/// <summary>
/// The token of an invitation link (<c>/r/{token}</c>): the invitation's id (16 random bytes) and the first 8 bytes of
/// an HMAC-SHA256 of it under a key derived from the installation secret, base64url (32 characters, short enough
/// for an SMS). A token that does not verify is refused without a database lookup.
/// </summary>
public sealed class InvitationTokens(InstallationKeys keys)
{
    private readonly KeyedHash hmac = new(keys.For("invitation"));

    public string Issue(Guid id)
    {
        var bytes = new byte[24];
        id.TryWriteBytes(bytes.AsSpan(0, 16), bigEndian: true, out _);
        hmac.Compute(bytes.AsSpan(0, 16)).AsSpan(0, 8).CopyTo(bytes.AsSpan(16));
        return WebEncoders.Base64UrlEncode(bytes);
    }

    public Guid? Read(string? token)
    {
        if (token is not { Length: 32 }) return null;
        byte[] bytes;
        try
        {
            bytes = WebEncoders.Base64UrlDecode(token);
        }
        catch (FormatException)
        {
            return null;
        }
        if (bytes.Length != 24) return null;
        var mac = hmac.Compute(bytes.AsSpan(0, 16));
        return CryptographicOperations.FixedTimeEquals(mac.AsSpan(0, 8), bytes.AsSpan(16)) ? new Guid(bytes.AsSpan(0, 16), bigEndian: true) : null;
    }
}
