using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace ClaimsApi.Features.Import;

/// <summary>One line of an NDJSON input.</summary>
/// <param name="Number">Its number (1-based; blank lines count).</param>
/// <param name="Bytes">Its bytes without the line break (and without a byte-order mark on the first line), or null when it was too long to read.</param>
/// <param name="End">How many bytes of the input have been read up to its end.</param>
internal readonly record struct RawLine(int Number, byte[]? Bytes, long End)
{
    public bool IsBlank => Bytes is { } bytes && bytes.AsSpan().Trim(" \t"u8).IsEmpty;
}

/// <summary>
/// Splits an NDJSON input (a request body, a file) into lines as it arrives: memory holds one line at a time, however
/// large the input, and a line longer than the limit is skipped to its end and reported, not read.
/// </summary>
internal static class NdjsonLines
{
    private static readonly byte[] ByteOrderMark = [0xEF, 0xBB, 0xBF];

    public static async IAsyncEnumerable<RawLine> ReadAsync(PipeReader reader, int maxLineBytes, [EnumeratorCancellation] CancellationToken ct)
    {
        var number = 0;
        long read = 0;
        var tooLong = false; // skipping the rest of a line that is over the limit
        while (true)
        {
            var result = await reader.ReadAsync(ct);
            var buffer = result.Buffer;
            while (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                read += line.Length + 1;
                buffer = buffer.Slice(buffer.GetPosition(1, end));
                number++;
                yield return new RawLine(number, tooLong || line.Length > maxLineBytes ? null : Bytes(line, number), read);
                tooLong = false;
            }

            if (result.IsCompleted)
            {
                if (!buffer.IsEmpty || tooLong)
                {
                    read += buffer.Length;
                    yield return new RawLine(++number, tooLong || buffer.Length > maxLineBytes ? null : Bytes(buffer, number), read);
                }

                reader.AdvanceTo(buffer.End);
                break;
            }

            if (buffer.Length > maxLineBytes)
            {
                // No end of line within the limit: the rest of this line is skipped as it comes.
                tooLong = true;
                read += buffer.Length;
                reader.AdvanceTo(buffer.End);
                continue;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte[] Bytes(ReadOnlySequence<byte> line, int number)
    {
        var bytes = line.ToArray().AsSpan();
        if (bytes.EndsWith((byte)'\r'))
        {
            bytes = bytes[..^1];
        }

        if (number == 1 && bytes.StartsWith(ByteOrderMark))
        {
            bytes = bytes[ByteOrderMark.Length..];
        }

        return bytes.ToArray();
    }
}
