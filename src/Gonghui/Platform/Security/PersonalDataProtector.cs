using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Gonghui.Platform.Security;

/// <summary>Encrypts personal data (AES-256-GCM) and computes keyed look-up hashes (HMAC-SHA256) for ID numbers and phones.</summary>
public sealed class PersonalDataProtector
{
    private readonly byte[] _encKey;
    private readonly byte[] _hashKey;
    // Key set-up costs more than encrypting an ID number: each thread keeps its own keyed instances (bulk imports).
    private readonly ThreadLocal<AesGcm> _aes;
    private readonly ThreadLocal<IncrementalHash> _hmac;

    public PersonalDataProtector(byte[] encryptionKey, byte[] hashKey)
    {
        if (encryptionKey.Length != 32 || hashKey.Length != 32) throw new ArgumentException("Keys must be 32 bytes.");
        _encKey = encryptionKey;
        _hashKey = hashKey;
        _aes = new ThreadLocal<AesGcm>(() => new AesGcm(_encKey, 16));
        _hmac = new ThreadLocal<IncrementalHash>(() => IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _hashKey));
    }

    /// <summary>Base64 of nonce(12) | tag(16) | ciphertext.</summary>
    public string Encrypt(string plaintext)
    {
        // Bulk imports encrypt two short fields per row: no per-call allocation but the result string.
        var length = Encoding.UTF8.GetByteCount(plaintext);
        Span<byte> plain = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(plaintext, plain);
        Span<byte> output = length <= 256 ? stackalloc byte[28 + length] : new byte[28 + length];
        var nonce = output[..12];
        NextNonce(nonce);
        _aes.Value!.Encrypt(nonce, plain, output[28..], output.Slice(12, 16));
        return Convert.ToBase64String(output);
    }

    // Random 96-bit nonces as before, drawn from the system CSPRNG 4 KB at a time per thread instead of one call per
    // encryption (each byte is used once; the buffer never leaves the thread).
    [ThreadStatic] private static byte[]? t_nonces;
    [ThreadStatic] private static int t_nonceAt;

    private static void NextNonce(Span<byte> nonce)
    {
        var pool = t_nonces ??= new byte[12 * 341];
        if (t_nonceAt == 0) RandomNumberGenerator.Fill(pool);
        pool.AsSpan(t_nonceAt, 12).CopyTo(nonce);
        pool.AsSpan(t_nonceAt, 12).Clear();
        t_nonceAt += 12;
        if (t_nonceAt == pool.Length) t_nonceAt = 0;
    }

    public string Decrypt(string cipher)
    {
        var data = Convert.FromBase64String(cipher);
        var plain = new byte[data.Length - 28];
        _aes.Value!.Decrypt(data.AsSpan(0, 12), data.AsSpan(28), data.AsSpan(12, 16), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>Keyed hash for look-up and de-duplication; the same input always gives the same hash under one key.</summary>
    public string Hash(string value)
    {
        Span<byte> mac = stackalloc byte[32];
        var length = Encoding.UTF8.GetByteCount(value);
        Span<byte> bytes = length <= 256 ? stackalloc byte[length] : new byte[length];
        Encoding.UTF8.GetBytes(value, bytes);
        var hmac = _hmac.Value!;
        hmac.AppendData(bytes);
        hmac.GetHashAndReset(mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>A separate 32-byte key for another purpose (e.g. signing the audit checkpoint), derived from the hash key
    /// (HKDF-SHA256): kept outside the database like the hash key, without a second secret to manage.</summary>
    public byte[] DeriveKey(string purpose) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _hashKey, 32, info: Encoding.UTF8.GetBytes(purpose));

    /// <summary>Keys from configuration (base64), else from keys.json in the data folder, created on first use.</summary>
    public static PersonalDataProtector FromConfiguration(IConfiguration config, string dataDir)
    {
        var enc = config["Gonghui:Security:EncryptionKey"];
        var hash = config["Gonghui:Security:HashKey"];
        if (string.IsNullOrEmpty(enc) || string.IsNullOrEmpty(hash))
        {
            Directory.CreateDirectory(dataDir);
            var file = Path.Combine(dataDir, "keys.json");
            if (!File.Exists(file))
            {
                var fresh = new KeyFile(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
                File.WriteAllText(file, JsonSerializer.Serialize(fresh));
                if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            var keys = JsonSerializer.Deserialize<KeyFile>(File.ReadAllText(file))!;
            enc ??= keys.EncryptionKey;
            hash ??= keys.HashKey;
            if (string.IsNullOrEmpty(enc)) enc = keys.EncryptionKey;
            if (string.IsNullOrEmpty(hash)) hash = keys.HashKey;
        }
        return new PersonalDataProtector(Convert.FromBase64String(enc), Convert.FromBase64String(hash));
    }

    private sealed record KeyFile(string EncryptionKey, string HashKey);
}
