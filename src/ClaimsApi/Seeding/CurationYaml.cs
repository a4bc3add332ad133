using System.Text.RegularExpressions;
using ClaimsApi.Domain.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClaimsApi.Seeding;

/// <summary>
/// Reads the YAML of a curation file into a <see cref="CurationDocument"/> and the places of its values. Every way the
/// text can fail to be one YAML document is a <see cref="SeedFormatException"/> with a line and column: the errors
/// YamlDotNet reports (<see cref="YamlException"/> and its kinds, some of which carry no position), the ones it does not
/// (a flow list left open before more text ends in a bare <see cref="InvalidOperationException"/>), a file with no
/// document at all (empty, blank or comments only: a file cut short, never "the curator removed everything") and a
/// second document (which binding would silently ignore).
/// </summary>
internal static partial class CurationYaml
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    [GeneratedRegex(@"Property '(?<key>[^']+)' not found on type", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownKey();

    public const string EmptyFile = "the curation file is empty (no YAML document): a file cut short is not read as "
        + "\"everything was removed\"; to import the article without statements or claims, delete the file or write {}";

    public static (CurationDocument Document, YamlLocations Locations) Read(string yaml)
    {
        var stream = new YamlStream();
        Parse(yaml, stream.Load);
        if (stream.Documents.Count == 0)
        {
            throw new SeedFormatException(1, 1, EmptyFile);
        }

        if (stream.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            throw new SeedFormatException((int)second.Line, (int)second.Column, "invalid YAML: a curation file holds one YAML document; this is a second one (after ---)");
        }

        CurationDocument? document = null;
        Parse(yaml, parser => document = Yaml.Deserialize<CurationDocument?>(parser));
        return (document ?? new CurationDocument(), new YamlLocations(stream));
    }

    private static void Parse(string yaml, Action<IParser> read)
    {
        var parser = new TrackingParser(yaml);
        try
        {
            read(parser);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner && e.Message.StartsWith('(') ? inner.Message : e.Message;
            var unknownKey = UnknownKey().Match(message);
            // Some kinds (an alias of no anchor) come without a position: then where the parser stood.
            var at = e.Start.Equals(Mark.Empty) ? parser.Position : e.Start;
            throw new SeedFormatException((int)at.Line, (int)at.Column, unknownKey.Success
                ? $"unknown key '{unknownKey.Groups["key"].Value}' (see docs/seed-format.md for the keys each section takes)"
                : $"invalid YAML: {Clean(message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or InvalidCastException or IndexOutOfRangeException)
        {
            // YamlDotNet failing without saying why: in the cases known, a plain value inside a '[' or '{' left open runs
            // onto a line indented less. The parser may not have reached the bracket at fault yet, so name the innermost
            // one it has, and the line where it gave up.
            var stopped = parser.StoppedAt;
            if (parser.InnermostOpenFlow is { } open)
            {
                throw new SeedFormatException((int)open.Start.Line, (int)open.Start.Column,
                    $"invalid YAML: this '{open.Bracket}' (or one after it) is not closed before line {stopped.Line}");
            }

            throw new SeedFormatException((int)stopped.Line, (int)stopped.Column,
                $"invalid YAML: the parser stopped here ({Clean(e.Message)}); is a '[' or '{{' before it left open?");
        }
    }

    private static string Clean(string message) => message.Replace(Environment.NewLine, " ", StringComparison.Ordinal);

    /// <summary>YamlDotNet's parser, remembering where it stands and which flow collections ('[', '{') are open.</summary>
    private sealed class TrackingParser : IParser
    {
        private readonly Scanner _scanner;
        private readonly Parser _parser;
        private readonly Stack<(char? Bracket, Mark Start)> _open = new();

        public TrackingParser(string yaml)
        {
            _scanner = new Scanner(new StringReader(yaml));
            _parser = new Parser(_scanner);
        }

        public ParsingEvent? Current => _parser.Current;

        /// <summary>Where the scanner stands: how far the text was read.</summary>
        public Mark StoppedAt => _scanner.CurrentPosition;

        /// <summary>The start of the last event read, or the beginning of the file.</summary>
        public Mark Position => _parser.Current?.Start ?? Mark.Empty;

        /// <summary>The innermost collection that is open, if it is a flow collection.</summary>
        public (char Bracket, Mark Start)? InnermostOpenFlow =>
            _open.TryPeek(out var innermost) && innermost.Bracket is { } bracket ? (bracket, innermost.Start) : null;

        public bool MoveNext()
        {
            var moved = _parser.MoveNext();
            switch (_parser.Current)
            {
                case SequenceStart sequence:
                    _open.Push((sequence.Style == YamlDotNet.Core.Events.SequenceStyle.Flow ? '[' : null, sequence.Start));
                    break;
                case MappingStart mapping:
                    _open.Push((mapping.Style == YamlDotNet.Core.Events.MappingStyle.Flow ? '{' : null, mapping.Start));
                    break;
                case SequenceEnd or MappingEnd:
                    _open.TryPop(out _);
                    break;
            }

            return moved;
        }
    }
}
