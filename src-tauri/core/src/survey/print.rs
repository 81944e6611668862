//! The agency's egenkontroll summary as a Swedish PDF: the year, how many homes
//! answered, and per question the number of answers, the mean and the distribution
//! over 1–5. Nothing of any single home: no name, no id, no comment.

use chrono::NaiveDate;

use super::SurveySummary;
use crate::error::Result;
use crate::pdf::Doc;

/// A mean with one decimal and a decimal comma, as Swedish writes it ("4,5").
pub fn swedish_mean(mean: Option<f64>) -> String {
    match mean {
        Some(m) => format!("{m:.1}").replace('.', ","),
        None => "–".into(),
    }
}

/// Renders the summary; `agency` is the agency's name, when filled in.
pub fn render_pdf(s: &SurveySummary, today: NaiveDate, agency: Option<&str>) -> Result<Vec<u8>> {
    let doc_id = format!("EK-{}", s.year);
    let mut d = Doc::new(
        &format!(
            "Egenkontroll {}: familjehemmens uppfattning om stödet",
            s.year
        ),
        &doc_id,
        &today.to_string(),
    )?;
    if let Some(a) = agency {
        d.field("Verksamhet", a);
    }
    d.field("År", &s.year.to_string());
    d.field("Familjehem som svarat", &s.homes.to_string());
    d.space(3.0);
    d.paragraph(
        "Sammanställningen visar hur familjehemmen har svarat på egenkontrollens frågor om \
         stödet och handledningen från familjehemsenheten (HSLF-FS 2018:2). Svaren ges på en \
         skala från 1 (instämmer inte alls) till 5 (instämmer helt). Inget familjehem namnges, \
         och familjehemmens kommentarer ingår inte.",
    );
    for q in &s.questions {
        d.heading(&q.text);
        let mut headers = vec!["Antal svar", "Medelvärde"];
        headers.extend(["1", "2", "3", "4", "5"]);
        let mut row = vec![q.answers.to_string(), swedish_mean(q.average)];
        row.extend(q.distribution.iter().map(u32::to_string));
        d.table(&headers, &[2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0], &[row]);
    }
    if s.homes == 0 {
        d.paragraph("Inga familjehem har svarat för året.");
    }
    Ok(d.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn means_are_written_with_a_decimal_comma() {
        assert_eq!(swedish_mean(Some(11.0 / 3.0)), "3,7");
        assert_eq!(swedish_mean(Some(4.0)), "4,0");
        assert_eq!(swedish_mean(None), "–");
    }
}
