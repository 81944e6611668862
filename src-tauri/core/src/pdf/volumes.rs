//! One PDF file written in volumes: each volume's pages are made into a document by
//! printpdf, and that document's objects are written to the output under new numbers
//! and joined under one page tree. Memory holds one volume at a time however long the
//! document is; the reader sees one file, page 1 to the last.
//!
//! The file is PDF 1.7 with a classic cross-reference table. Every object of a volume
//! is written except its catalogue, its page tree and (after the first volume) its
//! document information, whose places the file's own take: a reference to them is
//! renumbered to the file's. A large stream that refers to nothing (a font program)
//! and that an earlier volume already wrote is not written again: the volume refers to
//! the earlier one. Streams are compressed as they are written.

use std::collections::HashMap;
use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId};
use sha2::{Digest, Sha256};

/// The file's page tree, catalogue and (first volume's) information dictionary.
const PAGES: u32 = 1;
const CATALOG: u32 = 2;

/// From this size a stream that refers to nothing is written once and shared by the
/// volumes that hold the same one: font programs (hundreds of kB), not page contents.
const SHARED_FROM: usize = 64 * 1024;

/// A writer that counts the bytes it has passed on (objects' offsets).
struct Counting<W> {
    inner: W,
    at: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.at += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// A PDF being written volume by volume.
pub(crate) struct Volumes<W: Write> {
    out: Counting<W>,
    /// `offsets[n]`: where object `n` starts (0 for the free object 0 and for the page
    /// tree and catalogue until they are written at the end).
    offsets: Vec<u64>,
    /// The pages in order, as numbered in the file.
    kids: Vec<u32>,
    info: Option<u32>,
    /// The large streams written so far, by the SHA-256 of their dictionary and
    /// content as printpdf made them: their numbers in the file.
    shared: HashMap<[u8; 32], u32>,
}

impl<W: Write> Volumes<W> {
    /// Starts the file: its header, and object numbers 1 and 2 kept for the page tree
    /// and the catalogue.
    pub(crate) fn new(inner: W) -> io::Result<Self> {
        let mut out = Counting { inner, at: 0 };
        // The second line's bytes above 127 mark the file as binary (PDF 32000, 7.5.2).
        out.write_all(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(Volumes {
            out,
            offsets: vec![0, 0, 0],
            kids: Vec::new(),
            info: None,
            shared: HashMap::new(),
        })
    }

    /// How many pages have been written.
    pub(crate) fn pages(&self) -> usize {
        self.kids.len()
    }

    /// Writes one volume: `doc` as printpdf makes it (streams not compressed).
    pub(crate) fn volume(&mut self, doc: lopdf::Document) -> io::Result<()> {
        let reference = |d: &Dictionary, key: &[u8]| d.get(key).and_then(Object::as_reference);
        let catalog = reference(&doc.trailer, b"Root").map_err(bad)?;
        let info = reference(&doc.trailer, b"Info").ok();
        let root = doc
            .objects
            .get(&catalog)
            .and_then(|c| c.as_dict().ok())
            .ok_or_else(|| bad("no catalogue"))?;
        let pages = reference(root, b"Pages").map_err(bad)?;
        let kids: Vec<ObjectId> = doc
            .objects
            .get(&pages)
            .and_then(|p| p.as_dict().ok())
            .and_then(|p| p.get(b"Kids").and_then(Object::as_array).ok())
            .ok_or_else(|| bad("no pages"))?
            .iter()
            .map(Object::as_reference)
            .collect::<lopdf::Result<_>>()
            .map_err(bad)?;
        // New numbers: the volume's own tree and catalogue become the file's; its
        // information is the file's if it is the first; a large stream already written
        // keeps the number it was written under; every other object is numbered on
        // from the last.
        let mut numbers: HashMap<ObjectId, u32> = HashMap::new();
        numbers.insert(pages, PAGES);
        numbers.insert(catalog, CATALOG);
        let keep_info = self.info.is_none();
        let mut left_out: Vec<ObjectId> = vec![pages, catalog];
        left_out.extend(info.filter(|_| !keep_info));
        let mut fresh: HashMap<ObjectId, [u8; 32]> = HashMap::new();
        let mut next = self.offsets.len() as u32;
        for (id, object) in &doc.objects {
            if left_out.contains(id) {
                continue;
            }
            if let Some(key) = shared_key(object) {
                if let Some(&n) = self.shared.get(&key) {
                    numbers.insert(*id, n);
                    left_out.push(*id);
                    continue;
                }
                fresh.insert(*id, key);
            }
            numbers.insert(*id, next);
            next += 1;
        }
        if let (true, Some(i)) = (keep_info, info) {
            self.info = numbers.get(&i).copied();
        }
        for (id, mut object) in doc.objects {
            if left_out.contains(&id) {
                continue;
            }
            let n = numbers[&id];
            debug_assert_eq!(n as usize, self.offsets.len());
            if let Object::Stream(s) = &mut object {
                s.compress().map_err(bad)?;
            }
            self.offsets.push(self.out.at);
            writeln!(self.out, "{n} 0 obj")?;
            write_object(&mut self.out, &object, &numbers)?;
            self.out.write_all(b"\nendobj\n")?;
            if let Some(key) = fresh.remove(&id) {
                self.shared.insert(key, n);
            }
        }
        for k in kids {
            self.kids
                .push(*numbers.get(&k).ok_or_else(|| bad("a page is missing"))?);
        }
        Ok(())
    }

    /// Writes the page tree, the catalogue, the cross-reference table and the trailer,
    /// and gives the writer back (flushed).
    pub(crate) fn finish(mut self) -> io::Result<W> {
        self.offsets[PAGES as usize] = self.out.at;
        let kids: Vec<String> = self.kids.iter().map(|k| format!("{k} 0 R")).collect();
        writeln!(
            self.out,
            "{PAGES} 0 obj\n<< /Type /Pages /Count {} /Kids [{}] >>\nendobj",
            self.kids.len(),
            kids.join(" ")
        )?;
        self.offsets[CATALOG as usize] = self.out.at;
        writeln!(
            self.out,
            "{CATALOG} 0 obj\n<< /Type /Catalog /Pages {PAGES} 0 R /PageLayout /OneColumn >>\nendobj"
        )?;
        let xref = self.out.at;
        writeln!(
            self.out,
            "xref\n0 {}\n0000000000 65535 f ",
            self.offsets.len()
        )?;
        for at in &self.offsets[1..] {
            writeln!(self.out, "{at:010} 00000 n ")?;
        }
        write!(
            self.out,
            "trailer\n<< /Size {} /Root {CATALOG} 0 R",
            self.offsets.len()
        )?;
        if let Some(i) = self.info {
            write!(self.out, " /Info {i} 0 R")?;
        }
        writeln!(self.out, " >>\nstartxref\n{xref}\n%%EOF")?;
        self.out.flush()?;
        Ok(self.out.inner)
    }
}

/// The key a stream is shared by: large, and its dictionary refers to nothing.
fn shared_key(object: &Object) -> Option<[u8; 32]> {
    let Object::Stream(s) = object else {
        return None;
    };
    let self_contained = s.dict.iter().all(|(_, v)| {
        !matches!(
            v,
            Object::Reference(_) | Object::Array(_) | Object::Dictionary(_)
        )
    });
    if s.content.len() < SHARED_FROM || !self_contained {
        return None;
    }
    let mut dict = Vec::new();
    write_dictionary(&mut dict, &s.dict, &HashMap::new(), None).ok()?;
    let mut h = Sha256::new();
    h.update((dict.len() as u64).to_le_bytes());
    h.update(&dict);
    h.update(&s.content);
    Some(h.finalize().into())
}

fn bad(e: impl std::fmt::Display) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, format!("pdf volume: {e}"))
}

/// Writes `object` in PDF syntax, its references renumbered. Strings are written in
/// hexadecimal (nothing to escape); a stream's length is its content's.
fn write_object(
    w: &mut dyn Write,
    object: &Object,
    numbers: &HashMap<ObjectId, u32>,
) -> io::Result<()> {
    match object {
        Object::Null => w.write_all(b"null"),
        Object::Boolean(b) => w.write_all(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => write!(w, "{i}"),
        // Rust writes floats without an exponent, as PDF wants them.
        Object::Real(r) if r.is_finite() => write!(w, "{r}"),
        Object::Real(_) => w.write_all(b"0"),
        Object::Name(n) => write_name(w, n),
        Object::String(s, _) => {
            w.write_all(b"<")?;
            for b in s {
                write!(w, "{b:02X}")?;
            }
            w.write_all(b">")
        }
        Object::Array(items) => {
            w.write_all(b"[")?;
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    w.write_all(b" ")?;
                }
                write_object(w, item, numbers)?;
            }
            w.write_all(b"]")
        }
        Object::Dictionary(d) => write_dictionary(w, d, numbers, None),
        Object::Stream(s) => {
            write_dictionary(w, &s.dict, numbers, Some(s.content.len()))?;
            w.write_all(b"\nstream\n")?;
            w.write_all(&s.content)?;
            w.write_all(b"\nendstream")
        }
        Object::Reference(id) => match numbers.get(id) {
            Some(n) => write!(w, "{n} 0 R"),
            // A reference to nothing is null (PDF 32000, 7.3.10).
            None => w.write_all(b"null"),
        },
    }
}

/// A dictionary; with `length`, a stream's, whose `/Length` is the content's.
fn write_dictionary(
    w: &mut dyn Write,
    d: &Dictionary,
    numbers: &HashMap<ObjectId, u32>,
    length: Option<usize>,
) -> io::Result<()> {
    w.write_all(b"<<")?;
    for (key, value) in d.iter() {
        if length.is_some() && key.as_slice() == b"Length" {
            continue;
        }
        w.write_all(b" ")?;
        write_name(w, key)?;
        w.write_all(b" ")?;
        write_object(w, value, numbers)?;
    }
    if let Some(n) = length {
        write!(w, " /Length {n}")?;
    }
    w.write_all(b" >>")
}

/// A name: `/` and its bytes, delimiters, white space and bytes outside `!`..`~`
/// written as `#xx` (PDF 32000, 7.3.5).
fn write_name(w: &mut dyn Write, name: &[u8]) -> io::Result<()> {
    w.write_all(b"/")?;
    for &b in name {
        if b"()<>[]{}/%#".contains(&b) || !(b'!'..=b'~').contains(&b) {
            write!(w, "#{b:02X}")?;
        } else {
            w.write_all(&[b])?;
        }
    }
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Every entry of the cross-reference table points at its object's first line, and
    /// `startxref` at the table: what a strict reader checks.
    pub(crate) fn assert_well_formed(pdf: &[u8]) {
        let find = |from: usize, what: &[u8]| {
            pdf[from..]
                .windows(what.len())
                .position(|w| w == what)
                .map(|p| p + from)
        };
        let last = (0..pdf.len() - 9)
            .rev()
            .find(|&i| pdf[i..].starts_with(b"startxref"))
            .expect("startxref");
        let tail = std::str::from_utf8(&pdf[last..]).unwrap();
        let xref: usize = tail.lines().nth(1).unwrap().trim().parse().unwrap();
        assert!(
            pdf[xref..].starts_with(b"xref\n0 "),
            "startxref points at the table"
        );
        let table = std::str::from_utf8(&pdf[xref..last]).unwrap();
        let mut lines = table.lines().skip(1);
        let size: usize = lines.next().unwrap()[2..].parse().unwrap();
        let entries: Vec<&str> = lines.take(size).collect();
        assert_eq!(entries.len(), size);
        assert!(entries[0].ends_with(" f "));
        for (n, e) in entries.iter().enumerate().skip(1) {
            assert_eq!(e.len(), 19, "each entry is 20 bytes with its end of line");
            let at: usize = e[..10].parse().unwrap();
            let head = format!("{n} 0 obj\n");
            assert!(
                pdf[at..].starts_with(head.as_bytes()),
                "object {n} is where the table says"
            );
            assert!(find(at, b"endobj").is_some());
        }
    }

    #[test]
    fn names_are_escaped_and_references_renumbered() {
        let mut out = Vec::new();
        let mut numbers = HashMap::new();
        numbers.insert((7, 0), 12);
        let mut d = Dictionary::new();
        d.set("A B", Object::Reference((7, 0)));
        d.set("Gone", Object::Reference((8, 0)));
        d.set(
            "S",
            Object::String(b"(x)".to_vec(), lopdf::StringFormat::Literal),
        );
        d.set("R", Object::Real(0.5));
        write_object(&mut out, &Object::Dictionary(d), &numbers).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<< /A#20B 12 0 R /Gone null /S <287829> /R 0.5 >>"
        );
    }

    #[test]
    fn an_empty_file_is_still_well_formed() {
        let v = Volumes::new(Vec::new()).unwrap();
        let pdf = v.finish().unwrap();
        assert_well_formed(&pdf);
    }
}
