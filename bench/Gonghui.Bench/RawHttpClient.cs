using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Gonghui.Bench;

/// <summary>
/// A minimal keep-alive HTTP/1.1 client on one loopback connection, for load generation (in the spirit of wrk): it sends
/// a POST with a bearer token and a JSON body with Content-Length, reads the status line and headers, and skips the body
/// (Content-Length or chunked). One request at a time per connection. Not a general HTTP client.
/// </summary>
internal sealed class RawHttpClient : IDisposable
{
    private Socket _socket;
    private readonly int _port;
    private readonly string _headPrefix;
    private readonly byte[] _buf = new byte[64 * 1024];
    private int _start, _end;

    private RawHttpClient(Socket socket, int port, string token)
    {
        _socket = socket;
        _port = port;
        _headPrefix = $"Host: 127.0.0.1:{port}\r\nAuthorization: Bearer {token}\r\nContent-Type: application/json\r\nAccept: application/json\r\nContent-Length: ";
    }

    public static async Task<RawHttpClient> ConnectAsync(int port, string token) => new(await OpenAsync(port), port, token);

    private static async Task<Socket> OpenAsync(int port)
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await s.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        return s;
    }

    /// <summary>
    /// Kestrel closes a keep-alive connection idle for longer than its KeepAliveTimeout (130 s by default): a pool that waits
    /// while other cases run (the grassroots user's, during minutes of district cases) finds its connections closed. Before
    /// each request an idle connection the server has closed (readable with nothing to read) is opened again; a request never
    /// goes out twice.
    /// </summary>
    private async ValueTask EnsureOpenAsync()
    {
        if (_start != _end || !_socket.Poll(0, SelectMode.SelectRead) || _socket.Available > 0) return;
        await ReopenAsync();
        Reconnects++;
    }

    /// <summary>Drops this connection (and whatever it had half read) and opens a new one: after a request failed on it.</summary>
    public async Task ReopenAsync()
    {
        _socket.Dispose();
        _socket = await OpenAsync(_port);
        _start = _end = 0;
    }

    /// <summary>How many times a connection closed by the server while idle was opened again.</summary>
    public int Reconnects { get; private set; }

    /// <summary>POSTs <paramref name="body"/> and returns the response's status code once the whole response is read.</summary>
    public Task<int> PostAsync(string path, byte[] body) => SendAsync("POST", path, body);

    /// <summary>PUTs <paramref name="body"/> and returns the response's status code once the whole response is read.</summary>
    public Task<int> PutAsync(string path, byte[] body) => SendAsync("PUT", path, body);

    /// <summary>GETs <paramref name="path"/> (a list page) and returns the status code once the whole response is read.</summary>
    public Task<int> GetAsync(string path) => SendAsync("GET", path, []);

    private async Task<int> SendAsync(string method, string path, byte[] body)
    {
        await EnsureOpenAsync();
        var head = Encoding.ASCII.GetBytes($"{method} {path} HTTP/1.1\r\n{_headPrefix}{body.Length}\r\n\r\n");
        var msg = new byte[head.Length + body.Length];
        head.CopyTo(msg, 0);
        body.CopyTo(msg, head.Length);
        for (var sent = 0; sent < msg.Length;) sent += await _socket.SendAsync(msg.AsMemory(sent), SocketFlags.None);

        var status = 0;
        long contentLength = -1;
        var chunked = false;
        // Status line and headers.
        for (var lineNo = 0; ; lineNo++)
        {
            var line = await ReadLineAsync();
            if (line.Length == 0) break;
            if (lineNo == 0) status = int.Parse(line.AsSpan(9, 3));
            else if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) contentLength = long.Parse(line.AsSpan(15).Trim());
            else if (line.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && line.Contains("chunked", StringComparison.OrdinalIgnoreCase)) chunked = true;
        }
        if (chunked)
        {
            while (true)
            {
                var size = Convert.ToInt64(((string)await ReadLineAsync()).Split(';')[0].Trim(), 16);
                if (size == 0) { while ((await ReadLineAsync()).Length > 0) { } break; }
                await SkipAsync(size);
                await ReadLineAsync();
            }
        }
        else if (contentLength > 0) await SkipAsync(contentLength);
        return status;
    }

    private async ValueTask FillAsync()
    {
        if (_start == _end) _start = _end = 0;
        else if (_end == _buf.Length)
        {
            Buffer.BlockCopy(_buf, _start, _buf, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        var n = await _socket.ReceiveAsync(_buf.AsMemory(_end), SocketFlags.None);
        if (n == 0) throw new IOException("connection closed by the server");
        _end += n;
    }

    private async ValueTask<string> ReadLineAsync()
    {
        while (true)
        {
            var i = Array.IndexOf(_buf, (byte)'\n', _start, _end - _start);
            if (i >= 0)
            {
                var len = i - _start;
                var line = Encoding.ASCII.GetString(_buf, _start, len > 0 && _buf[i - 1] == '\r' ? len - 1 : len);
                _start = i + 1;
                return line;
            }
            await FillAsync();
        }
    }

    private async ValueTask SkipAsync(long count)
    {
        while (count > 0)
        {
            if (_start == _end) await FillAsync();
            var take = (int)Math.Min(count, _end - _start);
            _start += take;
            count -= take;
        }
    }

    public void Dispose() => _socket.Dispose();
}
