/* svg.c - see svg.h. */
#include "web/svg.h"
#include "web/html.h"
#include "util/i18n.h"

#define ROW 28
#define LABEL_MIN_W 170 /* the label column, widened for long labels */
#define CHAR_W 8        /* a generous width of one character at font-size 13 */
#define BAR_W 360

/* The number of characters (not bytes) of UTF-8 TEXT. */
static size_t characters(const char *text)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        n += (*p & 0xC0) != 0x80;
    return n;
}

/* The width of the label column: wide enough for the longest label (a
 * combined group such as "Administratie + Kwaliteit" is long), so that no
 * label is cut off at the left edge; the chart scales to its box. */
static int label_width(const chart_bar *bars, size_t n)
{
    size_t longest = 0;
    for (size_t i = 0; i < n; i++)
        if (bars[i].label && characters(bars[i].label) > longest)
            longest = characters(bars[i].label);
    int w = (int)longest * CHAR_W + 16;
    return w > LABEL_MIN_W ? w : LABEL_MIN_W;
}

bool svg_bar_chart(str *out, const char *title, const char *description, const chart_bar *bars,
                   size_t n, double reference, const char *reference_text)
{
    double max = reference;
    for (size_t i = 0; i < n; i++)
        if (!bars[i].hidden && bars[i].value > max)
            max = bars[i].value;
    if (max <= 0)
        max = 1;
    int height = (int)n * ROW + 40;
    int label_w = label_width(bars, n), width = label_w + BAR_W + 120;
    static _Thread_local int serial; /* ids unique within a page */
    int id = ++serial;
    html_printf(out, "<figure class=\"chart\"><svg viewBox=\"0 0 %d %d\" width=\"100%%\" "
                     "role=\"img\" aria-labelledby=\"ct%d cd%d\" "
                     "xmlns=\"http://www.w3.org/2000/svg\"><title id=\"ct%d\">%s</title>"
                     "<desc id=\"cd%d\">%s</desc>",
                width, height, id, id, id, title, id, description);
    for (size_t i = 0; i < n; i++) {
        int y = (int)i * ROW + 10;
        html_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\">%s</text>",
                    label_w - 8, y + 17, bars[i].label);
        if (bars[i].hidden) {
            html_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\" fill=\"#5b6b75\">%s</text>",
                        label_w + 4, y + 17, _("hidden: group too small"));
            continue;
        }
        int w = (int)(bars[i].value / max * BAR_W + 0.5);
        const char *fill = bars[i].flag < 0 ? "#b3261e" : bars[i].flag > 0 ? "#0b6e4f" : "#6c8ea0";
        html_printf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"18\" fill=\"%s\"/>",
                    label_w, y + 4, w, fill);
        html_printf(out, "<text x=\"%d\" y=\"%d\" font-size=\"12\">%s%s</text>", label_w + w + 6,
                    y + 17, bars[i].text,
                    bars[i].flag < 0 ? " ▼" : bars[i].flag > 0 ? " ▲" : "");
    }
    int x = label_w + (int)(reference / max * BAR_W + 0.5);
    html_printf(out, "<line x1=\"%d\" y1=\"4\" x2=\"%d\" y2=\"%d\" stroke=\"#1d2a33\" "
                     "stroke-width=\"2\" stroke-dasharray=\"5 3\"/>"
                     "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                x, x, height - 22, x, height - 6, reference_text);
    return html_raw(out, "</svg></figure>");
}
