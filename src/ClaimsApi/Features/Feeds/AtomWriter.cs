using System.Globalization;
using System.Text;
using System.Xml;

namespace ClaimsApi.Features.Feeds;

/// <summary>A link of a feed or an entry (RFC 4287 §4.2.7): where, how it relates, and the media type found there.</summary>
internal sealed record AtomLink(string Rel, string Href, string? Type = null);

/// <summary>The feed-level elements of one Atom feed document (RFC 4287 §4.1.1), its entries aside.</summary>
internal sealed record AtomFeedHead(string Id, string Title, string Subtitle, DateTimeOffset Updated, string Author, IReadOnlyList<AtomLink> Links);

/// <summary>One entry (RFC 4287 §4.1.2), with the category that names the change it records.</summary>
internal sealed record AtomEntry(
    string Id,
    string Title,
    DateTimeOffset Updated,
    string AuthorName,
    string? AuthorUri,
    IReadOnlyList<AtomLink> Links,
    string Category,
    string CategoryLabel,
    string CategoryScheme,
    string Summary);

/// <summary>
/// Writes Atom feed documents (RFC 4287) with the BCL's <see cref="XmlWriter"/>: every element the format requires
/// and nothing a reader has to guess at. Dates are RFC 3339 in UTC with the log's precision; text that XML 1.0
/// cannot carry (control characters, lone surrogates) is replaced by U+FFFD rather than failing the whole page.
/// </summary>
internal static class AtomWriter
{
    public const string MediaType = "application/atom+xml";
    public const string ContentType = MediaType + "; charset=utf-8";
    public const string Namespace = "http://www.w3.org/2005/Atom";

    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",
    };

    /// <summary>The feed document, as the bytes sent.</summary>
    public static byte[] Write(AtomFeedHead head, IEnumerable<AtomEntry> entries)
    {
        using var stream = new MemoryStream();
        using (var xml = XmlWriter.Create(stream, Settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("feed", Namespace);
            xml.WriteElementString("id", Namespace, head.Id);
            WriteText(xml, "title", head.Title);
            WriteText(xml, "subtitle", head.Subtitle);
            xml.WriteElementString("updated", Namespace, Date(head.Updated));
            xml.WriteStartElement("author", Namespace);
            xml.WriteElementString("name", Namespace, Clean(head.Author));
            xml.WriteEndElement();
            WriteLinks(xml, head.Links);
            foreach (var entry in entries)
            {
                WriteEntry(xml, entry);
            }

            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return stream.ToArray();
    }

    private static void WriteEntry(XmlWriter xml, AtomEntry entry)
    {
        xml.WriteStartElement("entry", Namespace);
        xml.WriteElementString("id", Namespace, entry.Id);
        WriteText(xml, "title", entry.Title);
        xml.WriteElementString("updated", Namespace, Date(entry.Updated));
        xml.WriteStartElement("author", Namespace);
        xml.WriteElementString("name", Namespace, Clean(entry.AuthorName));
        if (entry.AuthorUri is { } uri)
        {
            xml.WriteElementString("uri", Namespace, uri);
        }

        xml.WriteEndElement();
        WriteLinks(xml, entry.Links);
        xml.WriteStartElement("category", Namespace);
        xml.WriteAttributeString("scheme", entry.CategoryScheme);
        xml.WriteAttributeString("term", entry.Category);
        xml.WriteAttributeString("label", entry.CategoryLabel);
        xml.WriteEndElement();
        WriteText(xml, "summary", entry.Summary);
        xml.WriteEndElement();
    }

    private static void WriteLinks(XmlWriter xml, IEnumerable<AtomLink> links)
    {
        foreach (var link in links)
        {
            xml.WriteStartElement("link", Namespace);
            xml.WriteAttributeString("rel", link.Rel);
            if (link.Type is { } type)
            {
                xml.WriteAttributeString("type", type);
            }

            xml.WriteAttributeString("href", link.Href);
            xml.WriteEndElement();
        }
    }

    private static void WriteText(XmlWriter xml, string name, string text)
    {
        xml.WriteStartElement(name, Namespace);
        xml.WriteAttributeString("type", "text");
        xml.WriteString(Clean(text));
        xml.WriteEndElement();
    }

    /// <summary>An RFC 3339 date-time in UTC with an upper-case T and Z (RFC 4287 §3.3), fractional seconds only when there are any.</summary>
    internal static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary><paramref name="text"/> with every character XML 1.0 cannot carry replaced by U+FFFD.</summary>
    internal static string Clean(string text)
    {
        StringBuilder? cleaned = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (XmlConvert.IsXmlChar(c))
            {
                cleaned?.Append(c);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c))
            {
                cleaned?.Append(c).Append(text[i + 1]);
                i++;
            }
            else
            {
                (cleaned ??= new StringBuilder(text, 0, i, text.Length)).Append('\uFFFD');
            }
        }

        return cleaned?.ToString() ?? text;
    }
}
