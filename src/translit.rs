//! Latin letters for Cyrillic ones, where a name must be Latin: file names
//! of school plans (`instantiate --transliterate`) and party ids
//! (`import --latin-ids`).

/// ГОСТ 7.79-2000 system B, lower case.
pub fn latin(c: char) -> Option<&'static str> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    Some(match lower {
        'а' => "a",
        'б' => "b",
        'в' => "v",
        'г' => "g",
        'д' => "d",
        'е' => "e",
        'ё' => "yo",
        'ж' => "zh",
        'з' => "z",
        'и' => "i",
        'й' => "j",
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => "u",
        'ф' => "f",
        'х' => "x",
        'ц' => "cz",
        'ч' => "ch",
        'ш' => "sh",
        'щ' => "shh",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => "yu",
        'я' => "ya",
        '№' => "N",
        _ => return None,
    })
}
