using System.Text;
using ClaimsApi.Domain.Text;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace ClaimsApi.Http;

/// <summary>
/// A body that comes as text/plain (UTF-8) or as JSON, read by hand (minimal APIs bind one content type per body), up
/// to a size limit: the articles' writes and <c>POST /v1/extract</c> share it, so both answer 415 and 413 alike.
/// </summary>
internal static class TextOrJsonBody
{
    /// <summary>
    /// Documents the two bodies: text/plain in the seed format, or the JSON record. They are not declared with Accepts:
    /// routing would then answer a wrong content type itself, with a problem that says only JSON is accepted.
    /// </summary>
    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, Type json, string description, CancellationToken ct)
    {
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The article in the seed format." } },
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(json, null, ct) },
            },
        };
    }

    /// <summary>The body's bytes and whether it is text (else JSON), or the problem: 415 for another content type or charset, 413 past the limit.</summary>
    public static async Task<(byte[]? Bytes, bool IsText, IResult? Problem)> ReadAsync(
        HttpRequest request, int limit, string expected, string tooLarge, CancellationToken ct)
    {
        var contentType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsedType) ? parsedType : null;
        var mediaType = contentType?.MediaType.Value;
        var isJson = string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase);
        var isText = string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase);
        var charset = contentType?.Charset.Value;
        if ((!isJson && !isText) || (isText && charset is not null && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (null, false, Problems.Of(StatusCodes.Status415UnsupportedMediaType, $"{expected}; not '{request.ContentType}'."));
        }

        if (await ReadBytesAsync(request, limit, ct) is not { } bytes)
        {
            return (null, false, Problems.Of(StatusCodes.Status413PayloadTooLarge, tooLarge));
        }

        return (bytes, isText, null);
    }

    /// <summary>A text/plain body as a string, or the 400 naming <paramref name="field"/> when it is not UTF-8.</summary>
    public static (string? Text, IResult? Problem) Decode(byte[] bytes, string field)
    {
        try
        {
            return (Utf8.Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            return (null, Problems.Invalid(field, $"The body is not valid UTF-8 (byte {e.Index})."));
        }
    }

    /// <summary>The body's bytes, or null when there are more than <paramref name="limit"/> (whatever Content-Length says).</summary>
    private static async Task<byte[]?> ReadBytesAsync(HttpRequest request, int limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
